package org.dsreg.testkit.dbus;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.dsreg.testkit.ExternalTools;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;

/**
 * A private D-Bus message bus: a real {@code dbus-daemon} listening on a unix socket in a directory of the
 * caller's choosing, with a policy that lets every local connection own any name and send and receive anything.
 *
 * <p>It stands in for the session bus (user broker) and the system bus (device broker, systemd) in tests; start
 * one per bus. {@code dbus-daemon} must be installed (Debian package {@code dbus-daemon}): a missing binary fails
 * with an {@link AssertionError}, it never skips.
 *
 * <pre>{@code
 * try (PrivateBus bus = PrivateBus.start(tempDir);
 *      FakeBroker broker = FakeBroker.start(bus.address(), BrokerProfile.V2_0_1);
 *      DBusConnection client = bus.connect()) {
 *     ...
 * }
 * }</pre>
 */
public final class PrivateBus implements AutoCloseable {

    /** How long {@link #start(Path)} waits for the daemon to print its address. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(5);

    /** The longest unix socket path the kernel accepts (sun_path is 108 bytes including the NUL). */
    private static final int MAX_SOCKET_PATH = 107;

    private final Process process;
    private final String address;
    private final Path socket;
    private final Path config;
    private final CompletableFuture<String> stderr;

    private PrivateBus(Process process, String address, Path socket, Path config, CompletableFuture<String> stderr) {
        this.process = process;
        this.address = address;
        this.socket = socket;
        this.config = config;
        this.stderr = stderr;
    }

    /**
     * Starts a private bus whose socket is {@code dir/bus}, with dbus-daemon's built-in method reply timeout.
     *
     * @param dir an existing, writable directory (typically a JUnit {@code @TempDir}); the config file and the
     *            socket are created in it
     * @return the running bus
     * @throws AssertionError when dbus-daemon is missing, the path is too long for a unix socket, or the daemon
     *                        does not print its address within {@link #STARTUP_TIMEOUT}
     */
    public static PrivateBus start(Path dir) {
        return start(dir, null);
    }

    /**
     * Starts a private bus whose socket is {@code dir/bus}.
     *
     * @param dir          an existing, writable directory; the config file and the socket are created in it
     * @param replyTimeout when not null, the bus's {@code reply_timeout} limit: a method call that its service has
     *                     not answered within this time gets {@code org.freedesktop.DBus.Error.NoReply} from the
     *                     daemon, as on a real bus whose service hangs
     * @return the running bus
     * @throws AssertionError when dbus-daemon is missing, the path is too long for a unix socket, or the daemon
     *                        does not print its address within {@link #STARTUP_TIMEOUT}
     */
    public static PrivateBus start(Path dir, Duration replyTimeout) {
        Objects.requireNonNull(dir, "dir");
        Path daemon = ExternalTools.require("dbus-daemon", "dbus-daemon");
        Path absDir = dir.toAbsolutePath();
        Path socket = absDir.resolve("bus");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new AssertionError("socket path too long for a unix socket (" + socket + "): use a shorter directory");
        }
        Path config = absDir.resolve("bus.conf");
        try {
            Files.createDirectories(absDir);
            Files.deleteIfExists(socket);
            Files.writeString(config, config(socket, replyTimeout), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot write the bus config in " + absDir + ": " + e, e);
        }

        Process process;
        try {
            process = new ProcessBuilder(List.of(daemon.toString(), "--config-file=" + config, "--nofork",
                    "--print-address", "--nopidfile", "--nosyslog"))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + daemon + ": " + e, e);
        }
        CompletableFuture<String> stderr = drain(process.getErrorStream());
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8));
                String line = reader.readLine();
                // keep draining so the daemon never blocks on a full pipe
                drain(process.getInputStream());
                return line;
            } catch (IOException e) {
                return null;
            }
        }, daemonThreadExecutor("dbus-daemon-stdout"));

        String address;
        try {
            address = firstLine.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("dbus-daemon printed no address within " + STARTUP_TIMEOUT.toSeconds()
                    + " s (config " + config + "); stderr: " + stderrNow(stderr), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while starting dbus-daemon", e);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new AssertionError("cannot read dbus-daemon's address: " + e.getCause(), e.getCause());
        }
        if (address == null || address.isBlank()) {
            process.destroyForcibly();
            waitQuietly(process);
            throw new AssertionError("dbus-daemon exited without printing an address (exit "
                    + (process.isAlive() ? "?" : process.exitValue()) + "); stderr: " + stderrNow(stderr));
        }
        return new PrivateBus(process, address.trim(), socket, config, stderr);
    }

    /**
     * The bus address as printed by the daemon, e.g. {@code unix:path=/tmp/x/bus,guid=0123...}; pass it to
     * {@code DBusConnectionBuilder.forAddress(...)}, to the fakes, or as {@code DBUS_SESSION_BUS_ADDRESS} /
     * {@code DBUS_SYSTEM_BUS_ADDRESS} to a process under test.
     *
     * @return the address
     */
    public String address() {
        return address;
    }

    /**
     * The unix socket the daemon listens on.
     *
     * @return the socket path ({@code dir/bus})
     */
    public Path socketPath() {
        return socket;
    }

    /**
     * The daemon's process id.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Whether the daemon is still running.
     *
     * @return true while it runs
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Opens a new, unshared connection to this bus. The caller closes it.
     *
     * @return a connected {@link DBusConnection}
     * @throws DBusException when the connection fails
     */
    public DBusConnection connect() throws DBusException {
        return BusSupport.connect(address);
    }

    /**
     * Stops the daemon (SIGTERM, then SIGKILL after 2 s) and waits for it to exit. Idempotent. Connections to
     * the bus see the socket close.
     */
    @Override
    public void close() {
        ExternalTools.stop(process, java.time.Duration.ofSeconds(2));
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(config);
        } catch (IOException e) {
            // best effort: the directory is the caller's
        }
    }

    @Override
    public String toString() {
        return "PrivateBus[" + address + ", pid " + process.pid() + (process.isAlive() ? "" : ", exited") + "]";
    }

    /** What the daemon has written to stderr so far (for failure messages). */
    String stderr() {
        return stderrNow(stderr);
    }

    static String config(Path socket, Duration replyTimeout) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n")
          .append(" \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n")
          .append("<busconfig>\n")
          .append("  <type>session</type>\n")
          .append("  <listen>unix:path=").append(xmlEscape(socket.toString())).append("</listen>\n")
          .append("  <auth>EXTERNAL</auth>\n")
          .append("  <policy context=\"default\">\n")
          .append("    <allow user=\"*\"/>\n")
          .append("    <allow own=\"*\"/>\n")
          .append("    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n")
          .append("    <allow receive_sender=\"*\"/>\n")
          .append("    <allow eavesdrop=\"true\"/>\n")
          .append("  </policy>\n")
          // a session bus's limits, as /usr/share/dbus-1/session.conf sets them: large replies get through
          .append("  <limit name=\"max_incoming_bytes\">1000000000</limit>\n")
          .append("  <limit name=\"max_outgoing_bytes\">1000000000</limit>\n")
          .append("  <limit name=\"max_message_size\">1000000000</limit>\n");
        if (replyTimeout != null) {
            sb.append("  <limit name=\"reply_timeout\">").append(Math.max(1, replyTimeout.toMillis()))
              .append("</limit>\n");
        }
        sb.append("</busconfig>\n");
        return sb.toString();
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, daemonThreadExecutor("dbus-daemon-drain"));
    }

    private static java.util.concurrent.Executor daemonThreadExecutor(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        };
    }

    private static String stderrNow(CompletableFuture<String> stderr) {
        try {
            return stderr.get(200, TimeUnit.MILLISECONDS).strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        } catch (ExecutionException | TimeoutException e) {
            return "(not available while the daemon runs)";
        }
    }

    private static void waitQuietly(Process p) {
        try {
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
