package org.dsreg.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real HTTP proxy on loopback for one test: Debian's tinyproxy, run in the foreground ({@code -d -c conf}) with
 * its own configuration and log in a directory of the test's, listening on 127.0.0.1 at a free port, allowing only
 * 127.0.0.1, CONNECT allowed to the given ports only (tinyproxy's default is 443 and 563), and Basic credentials
 * when asked for. {@link #connects()} reads the CONNECTs it received from its log. Without tinyproxy the test is
 * skipped, except under {@code CI=true}, where it fails.
 */
public final class Tinyproxy implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final int ATTEMPTS = 5;
    private static final Pattern CONNECT = Pattern.compile("Request \\(file descriptor \\d+\\): CONNECT (\\S+) HTTP/");
    private static final String READY = "Accepting connections";

    private final Process process;
    private final int port;
    private final Path log;

    private Tinyproxy(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts tinyproxy with its files in {@code dir} (created if needed), allowing CONNECT to {@code connectPorts},
     * asking for {@code user}/{@code password} when {@code credentials} is given (two elements).
     */
    public static Tinyproxy start(Path dir, List<Integer> connectPorts, Optional<List<String>> credentials) {
        Optional<Path> binary = ExternalTools.find("tinyproxy");
        if (binary.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("tinyproxy is required under CI=true (apt-get install -y tinyproxy)");
            }
            Assumptions.abort("tinyproxy is not installed (apt-get install -y tinyproxy)");
        }
        String failures = "";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePort();
            Path log = dir.resolve("tinyproxy-" + port + ".log");
            Path conf = dir.resolve("tinyproxy-" + port + ".conf");
            List<String> lines = new ArrayList<>(List.of("Port " + port, "Listen 127.0.0.1", "Timeout 60",
                    "LogFile \"" + log.toAbsolutePath() + "\"", "LogLevel Info", "MaxClients 20", "Allow 127.0.0.1",
                    "DisableViaHeader Yes"));
            connectPorts.forEach(p -> lines.add("ConnectPort " + p));
            credentials.ifPresent(c -> lines.add("BasicAuth " + c.get(0) + " " + c.get(1)));
            Process p;
            try {
                Files.createDirectories(dir);
                Files.write(conf, lines);
                p = new ProcessBuilder(binary.get().toString(), "-d", "-c", conf.toAbsolutePath().toString())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("tinyproxy.out").toFile()))
                        .start();
            } catch (IOException e) {
                throw new AssertionError("cannot start tinyproxy: " + e, e);
            }
            if (awaitReady(p, log)) {
                return new Tinyproxy(p, port, log);
            }
            ExternalTools.stop(p, Duration.ofSeconds(5));
            failures += " [port " + port + ": " + read(log) + "]";
        }
        throw new AssertionError("tinyproxy did not start:" + failures);
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://user:password@127.0.0.1:port}. */
    public String url(String user, String password) {
        return "http://" + user + ":" + password + "@127.0.0.1:" + port;
    }

    /** The targets ({@code host:port}) of the CONNECT requests received so far, in order. */
    public List<String> connects() {
        List<String> targets = new ArrayList<>();
        Matcher m = CONNECT.matcher(read(log));
        while (m.find()) {
            targets.add(m.group(1));
        }
        return targets;
    }

    /** Its log so far. */
    public String log() {
        return read(log);
    }

    /** Stops tinyproxy (SIGTERM, then SIGKILL after 5 s). Idempotent. */
    @Override
    public void close() {
        ExternalTools.stop(process, Duration.ofSeconds(5));
    }

    private static boolean awaitReady(Process p, Path log) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (read(log).contains(READY)) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("no free port: " + e, e);
        }
    }
}
