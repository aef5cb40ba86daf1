package org.dsreg.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Records the CDS class list: the classes that the runs users make load, from which the package's
 * postinst makes the class-data archive (and the AOT cache on a newer Java) for the Java installed
 * on the target machine. Each run is its own JVM with the launcher's options and
 * {@code -XX:DumpLoadedClassList}; the lists are merged and sorted, so that the same build makes the same
 * list (reproducible packages: the order only changes where in the archive a class lies), without
 * {@linkplain #RACY the lines of the D-Bus connections' closing}.
 *
 * <p>The runs: with no bus at all (sudo, servers, CI: {@code --status}, {@code --status --json},
 * {@code --help}, {@code --version}), then on a machine with the Microsoft broker running
 * ({@link TrainingWorld}: {@code --status}, {@code --status --json} and {@code --diagnose}, and the
 * status of a registration that a software-key {@code --join} against the emulator made). The live runs need {@code dbus-daemon};
 * without it they are left out with a warning, except under {@code CI=true}, where that fails.
 */
final class ClassListTraining {
    /**
     * A dsreg run: whether it runs on the live machine, with dsreg's own registration, whether its
     * classes go into the list, and its arguments.
     */
    record Run(boolean live, boolean registered, boolean listed, List<String> args) {
    }

    /**
     * Lines some runs record and others do not: what dbus-java's disconnect path loads (its callbacks, the channel's
     * close exceptions on the reader thread, a lambda form first used there), on the threads that close the bus
     * connections after the status is printed, racing the JVM's exit. Found by recording each live run 12 times
     * under load (each of these was missing from 1 to 11 of the 12; with them left out the 12 lists were equal).
     * Never on a run's critical path, so left out of the list, which then holds the same lines in every build.
     */
    static final List<String> RACY = List.of(
            "org/freedesktop/dbus/connections/IDisconnect",
            "@lambda-proxy org/freedesktop/dbus/connections/base/AbstractConnectionBase accept ",
            "@lambda-proxy org/freedesktop/dbus/connections/impl/DBusConnection ",
            "java/nio/channels/AsynchronousCloseException",
            "java/nio/channels/ClosedByInterruptException",
            "java/nio/channels/ClosedChannelException",
            "java/util/HashMap$KeySpliterator",
            "@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeSpecial LL_V");

    static final List<Run> RUNS = List.of(
            new Run(false, false, true, List.of("--status")),
            new Run(false, false, true, List.of("--status", "--json")),
            new Run(false, false, true, List.of("--help")),
            new Run(false, false, true, List.of("--version")),
            new Run(true, false, true, List.of("--status")),
            new Run(true, false, true, List.of("--status", "--json")),
            new Run(true, false, true, List.of("--diagnose")),
            // the join, arguments from the world: it makes the registration the next runs show; its own
            // classes (HTTPS, CSR) are left out, as every class listed costs each start a little memory
            new Run(true, true, false, List.of()),
            new Run(true, true, true, List.of("--status")),
            new Run(true, true, true, List.of("--status", "--json")));

    private final Path jar;
    private final Path jvmOptions;
    private final Path work;

    ClassListTraining(Path jar, Path jvmOptions, Path work) {
        this.jar = jar;
        this.jvmOptions = jvmOptions;
        this.work = work;
    }

    /** Runs every training run and writes the merged class list to {@code classList}. */
    void write(Path classList, Map<String, String> buildEnv) throws Exception {
        deleteTree(work); // a registration left by an earlier build would refuse the join
        Files.createDirectories(work);
        Set<String> merged = new TreeSet<>();
        TrainingWorld world = null;
        // the world's bus sockets go in a short temporary path (a socket path has at most 107 bytes)
        Path worldDir = Files.createTempDirectory("dsreg-training");
        try {
            try {
                world = TrainingWorld.start(worldDir);
            } catch (AssertionError e) {
                if ("true".equals(buildEnv.get("CI"))) {
                    throw new IllegalStateException("cannot train the class list on a live broker: " + e.getMessage(), e);
                }
                System.err.println("[WARNING] dsreg class list: no live-broker training (" + e.getMessage()
                        + "); the archive will cover the no-bus runs only");
            }
            int n = 0;
            for (Run run : RUNS) {
                if (run.live() && world == null) {
                    continue;
                }
                List<String> loaded = record(n++, run, world);
                if (run.listed()) {
                    merged.addAll(loaded);
                }
            }
        } finally {
            if (world != null) {
                world.close();
            }
            deleteTree(worldDir);
        }
        if (merged.size() < 500) {
            throw new IllegalStateException("the class list has only " + merged.size() + " classes");
        }
        Files.write(classList, merged, StandardCharsets.UTF_8);
    }

    private List<String> record(int n, Run run, TrainingWorld world) throws IOException, InterruptedException {
        Path list = work.resolve("training-" + n + ".classlist");
        Path log = work.resolve("training-" + n + ".log");
        Files.deleteIfExists(list);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> args = run.live() && run.registered() && run.args().isEmpty() ? List.of(world.join()) : run.args();
        List<String> argv = new ArrayList<>(List.of(java, "@" + jvmOptions.toAbsolutePath(),
                "-XX:DumpLoadedClassList=" + list.toAbsolutePath(), "-jar", jar.toAbsolutePath().toString()));
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.remove("DSREG_ROOT");
        // the same classes whatever the build machine's zone and locale (a zone other than UTC loads more)
        env.put("TZ", "UTC");
        env.keySet().removeIf(k -> k.equals("LANG") || k.equals("LANGUAGE") || k.startsWith("LC_"));
        env.put("LANG", "C.UTF-8");
        env.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        if (run.live()) {
            env.putAll(world.environment(work.resolve(run.registered() ? "joined-state" : "live-state")));
        } else {
            env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
            env.put("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent");
            env.put("DSREG_STATE_DIR", work.resolve("no-state").toAbsolutePath().toString());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String what = "dsreg " + String.join(" ", args);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(what + " did not end in 120 s; see " + log);
        }
        // --status may exit 2 where a broker is installed but has no bus; --diagnose 3 when a test fails
        if (p.exitValue() != 0 && p.exitValue() != 2 && !(p.exitValue() == 3 && args.contains("--diagnose"))) {
            throw new IllegalStateException(what + " exited " + p.exitValue() + ": " + Files.readString(log));
        }
        return Files.readAllLines(list, StandardCharsets.UTF_8).stream().filter(ClassListTraining::keep).toList();
    }

    /** Deletes {@code dir} and what it holds, following no link (the build's own directories only). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Dynamic proxies are made afresh at each run (an archive cannot hold them); {@link #RACY} lines vary. */
    static boolean keep(String classListLine) {
        String line = classListLine.strip();
        return !line.isEmpty() && !line.startsWith("jdk/proxy") && !line.startsWith("com/sun/proxy/")
                && RACY.stream().noneMatch(line::contains);
    }
}
