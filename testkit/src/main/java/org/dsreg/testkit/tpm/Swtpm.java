package org.dsreg.testkit.tpm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dsreg.testkit.ExternalTools;

/**
 * A software TPM 2.0 (swtpm, libtpms) for one test class: a child process serving the TPM on 127.0.0.1 at
 * {@link #port()} and its control channel at {@code port() + 1}, started with {@code startup-clear} so that
 * the TPM is ready for commands, its state in the given directory. {@link #tcti()} is the tpm2-tss TCTI
 * string for it. A missing swtpm fails the test; it is never skipped.
 *
 * <p>swtpm has no resource manager: transient objects left loaded by one client stay loaded for the next,
 * and it holds only three. Tools run through {@link Tpm2Tools} flush what they leave behind.
 */
public final class Swtpm implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
    private static final int ATTEMPTS = 5;

    private final Process process;
    private final int port;
    private final Path stateDir;
    private final Path log;
    private final Thread reaper;

    private Swtpm(Process process, int port, Path stateDir, Path log) {
        this.process = process;
        this.port = port;
        this.stateDir = stateDir;
        this.log = log;
        this.reaper = new Thread(process::destroyForcibly, "swtpm-reaper-" + port);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts swtpm with its state in {@code stateDir} (created if needed) on a free loopback port pair, and
     * waits until it accepts connections.
     */
    public static Swtpm start(Path stateDir) {
        Path swtpm = ExternalTools.require("swtpm", "swtpm");
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new AssertionError("cannot create the swtpm state directory " + stateDir + ": " + e, e);
        }
        Path log = stateDir.resolve("swtpm.log");
        String failures = "";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = freePortPair();
            List<String> command = List.of(swtpm.toString(), "socket", "--tpm2",
                    "--tpmstate", "dir=" + stateDir.toAbsolutePath(),
                    "--flags", "not-need-init,startup-clear",
                    "--server", "type=tcp,port=" + port + ",bindaddr=127.0.0.1",
                    "--ctrl", "type=tcp,port=" + (port + 1) + ",bindaddr=127.0.0.1");
            Process p;
            try {
                p = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new AssertionError("cannot run " + command + ": " + e, e);
            }
            if (awaitReady(p, port)) {
                return new Swtpm(p, port, stateDir, log);
            }
            p.destroyForcibly();
            failures += " [port " + port + ": " + (p.isAlive() ? "not accepting" : "exited") + "]";
        }
        throw new AssertionError("swtpm did not start" + failures + "; its log: " + readLog(log));
    }

    /** The tpm2-tss TCTI string for this TPM. */
    public String tcti() {
        return "swtpm:host=127.0.0.1,port=" + port;
    }

    /** The TPM command port; the control port is the next one. */
    public int port() {
        return port;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** tpm2-tools pointed at this TPM, working in {@code workDir}. */
    public Tpm2Tools tools(Path workDir) {
        return new Tpm2Tools(tcti(), workDir);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops swtpm (SIGTERM, then SIGKILL after 5 s). Idempotent. */
    @Override
    public void close() {
        ExternalTools.stop(process, java.time.Duration.ofSeconds(5));
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway
        }
    }

    @Override
    public String toString() {
        return "swtpm on 127.0.0.1:" + port + " (state " + stateDir + ")";
    }

    private static boolean awaitReady(Process p, int port) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /** A port P such that P and P + 1 were both free on 127.0.0.1 a moment ago. */
    private static int freePortPair() {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = a.getLocalPort();
                if (p >= 65535) {
                    continue;
                }
                try {
                    new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress()).close();
                    return p;
                } catch (IOException taken) {
                    // try another
                }
            } catch (IOException e) {
                throw new AssertionError("cannot find a free loopback port: " + e, e);
            }
        }
        throw new AssertionError("cannot find two adjacent free loopback ports");
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(none)";
        }
    }
}
