package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dsreg.testkit.ExternalTools;
import org.dsreg.testkit.drs.DrsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the packaged dsreg at pseudo-random moments of a join and of an unregister
 * against the DRS emulator. After each kill the state is whole (a registration with both its keys,
 * or none), and once the next run that takes the state lock has run, no key is left that nothing
 * names. The seed is printed ({@code DSREG_CRASH_SEED} replays a run; {@code DSREG_CRASH_KILLS}
 * sets N, at least 10).
 */
class CrashIT {
    final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    DrsEmulator drs;
    Path state;
    Path token;
    long seed;
    int kills;

    @BeforeEach
    void start() throws Exception {
        drs = DrsEmulator.builder().start(Files.createDirectories(dir.resolve("drs")));
        token = TokenFiles.admin(drs, dir);
        state = dir.resolve("state");
        seed = Long.parseLong(System.getenv().getOrDefault("DSREG_CRASH_SEED", Long.toString(System.nanoTime())));
        kills = Math.max(10, Integer.parseInt(System.getenv().getOrDefault("DSREG_CRASH_KILLS", "10")));
    }

    @AfterEach
    void stop() {
        drs.close();
    }

    private List<String> command(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--drs-url", drs.baseUrl(), "--trust-ca", drs.caPem().toString(), "--timeout", "30"));
        return PackagedCli.command(dir, state, all);
    }

    private String[] join() {
        return new String[] {"--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + token};
    }

    private String[] unregister() {
        return new String[] {"--unregister", "--tenant-id", drs.tenantId()};
    }

    private ExternalTools.Result run(String... args) {
        return ExternalTools.run(command(args));
    }

    /** Runs the command and kills it with SIGKILL after {@code delay} (if it is still running); the millis it ran. */
    private long killAfter(Duration delay, String... args) throws Exception {
        long started = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        ExternalTools.clearProxyVariables(pb.environment());
        Process p = pb.start();
        if (!p.waitFor(delay.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly(); // SIGKILL
        }
        p.waitFor(60, TimeUnit.SECONDS);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Millis a whole command takes here, measured: the window the kills are spread over. */
    private long measure(String... args) {
        long t = System.nanoTime();
        var r = run(args);
        assertEquals(0, r.exitCode(), r.stderr());
        return Math.max(200, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
    }

    /** Torn: a registration whose key files are not both there, or a registration file that does not read. */
    private boolean torn() throws IOException {
        Path regs = state.resolve("registrations");
        if (!Files.isDirectory(regs)) {
            return false;
        }
        try (Stream<Path> files = Files.list(regs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode r;
                try {
                    r = mapper.readTree(f.toFile());
                } catch (IOException e) {
                    return true;
                }
                for (String key : List.of("deviceKey", "transportKey")) {
                    String alias = r.at("/" + key + "/alias").asText();
                    if (alias.isEmpty() || !Files.isRegularFile(state.resolve("keys/software/" + alias + ".pem"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean registered() {
        return Files.isRegularFile(state.resolve("registrations/" + drs.tenantId() + ".json"));
    }

    private int count(String sub) throws IOException {
        Path d = state.resolve(sub);
        if (!Files.isDirectory(d)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(d)) {
            return (int) s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }

    @Test
    void killedJoinsLeaveNoTornStateAndNoKeyBehind() throws Exception {
        long window = measure(join());
        assertEquals(0, run(unregister()).exitCode());
        Random random = new Random(seed);
        int tornStates = 0;
        int leftover = 0;
        for (int i = 0; i < kills; i++) {
            killAfter(Duration.ofMillis(random.nextInt((int) window)), join());
            tornStates += torn() ? 1 : 0;
            // the next runs that take the lock: whatever the kill left, they finish with nothing
            if (!registered()) {
                var j = run(join());
                assertEquals(0, j.exitCode(), j.stderr());
            }
            var u = run(unregister());
            assertEquals(0, u.exitCode(), u.stderr());
            leftover += count("keys/software") + count("intents");
        }
        var last = run(join());
        assertEquals(0, last.exitCode(), last.stderr());
        System.out.println("join: seed " + seed + ", window " + window + " ms: " + kills + " kills, torn states "
                + tornStates + ", leftover keys " + leftover);
        assertEquals(0, tornStates, "seed " + seed);
        assertEquals(0, leftover, "seed " + seed);
    }

    @Test
    void killedUnregistersLeaveNoTornStateAndNoKeyBehind() throws Exception {
        long window = measure(join());
        window = Math.max(window, measure(unregister()));
        Random random = new Random(seed);
        int tornStates = 0;
        int leftover = 0;
        for (int i = 0; i < kills; i++) {
            var j = run(join());
            assertEquals(0, j.exitCode(), j.stderr());
            killAfter(Duration.ofMillis(random.nextInt((int) window)), unregister());
            tornStates += torn() ? 1 : 0;
            // DRS may have deleted the device before the kill: the next unregister completes locally
            var again = run(unregister());
            boolean wasGone = !registered() && again.exitCode() == 5;
            assertTrue(again.exitCode() == 0 || wasGone, again.stderr());
            leftover += count("keys/software") + count("intents");
        }
        System.out.println("unregister: seed " + seed + ", window " + window + " ms: " + kills + " kills, torn states "
                + tornStates + ", leftover keys " + leftover);
        assertEquals(0, tornStates, "seed " + seed);
        assertEquals(0, leftover, "seed " + seed);
    }
}
