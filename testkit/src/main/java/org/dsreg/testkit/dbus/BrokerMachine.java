package org.dsreg.testkit.dbus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A machine where the Microsoft broker is installed and running, as dsreg sees it: a session bus
 * with the user broker and systemd's user manager, a system bus with the device broker and systemd,
 * and the broker's D-Bus activation and unit files under a private root (dsreg's {@code DSREG_ROOT}),
 * so that dsreg finds it installed. For benchmarks and for training the class-data archive on the
 * runs users make; tests that need finer control start the fakes themselves.
 *
 * <p>Needs {@code dbus-daemon}; a missing one is an {@link AssertionError} naming it (never a skip).
 */
public final class BrokerMachine implements AutoCloseable {
    /** The user broker's systemd unit. */
    public static final String USER_UNIT = "microsoft-identity-broker.service";
    /** The device broker's systemd unit. */
    public static final String DEVICE_UNIT = "microsoft-identity-device-broker.service";

    private final Path dir;
    private PrivateBus sessionBus;
    private PrivateBus systemBus;
    private FakeBroker broker;
    private FakeDeviceBroker deviceBroker;
    private FakeSystemd userSystemd;
    private FakeSystemd systemSystemd;

    private BrokerMachine(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts the buses and the fakes, and writes the broker's files, under {@code dir}.
     *
     * @param dir a directory of the caller's (short: the bus sockets live in it)
     * @return the running machine
     * @throws Exception when a bus or a fake cannot start
     */
    public static BrokerMachine start(Path dir) throws Exception {
        BrokerMachine machine = new BrokerMachine(dir);
        try {
            machine.startAll();
            return machine;
        } catch (Exception | AssertionError e) {
            machine.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        installedBroker(root());
        sessionBus = PrivateBus.start(Files.createDirectories(dir.resolve("session")));
        systemBus = PrivateBus.start(Files.createDirectories(dir.resolve("system")));
        broker = FakeBroker.start(sessionBus.address(), BrokerProfile.V2_0_1);
        deviceBroker = FakeDeviceBroker.start(systemBus.address());
        userSystemd = FakeSystemd.builder().unit(USER_UNIT, "loaded", "active", "running",
                "/usr/lib/systemd/user/" + USER_UNIT).start(sessionBus.address());
        systemSystemd = FakeSystemd.builder().unit(DEVICE_UNIT, "loaded", "active", "running",
                "/usr/lib/systemd/system/" + DEVICE_UNIT).start(systemBus.address());
    }

    /** The private root holding the broker's files. */
    public Path root() {
        return dir.resolve("root");
    }

    /**
     * The environment of a dsreg run on this machine: its root and both bus addresses.
     *
     * @return variable names and values, in a fixed order
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DSREG_ROOT", root().toAbsolutePath().toString());
        env.put("DBUS_SESSION_BUS_ADDRESS", sessionBus.address());
        env.put("DBUS_SYSTEM_BUS_ADDRESS", systemBus.address());
        return env;
    }

    /** The broker's D-Bus activation and unit files and its programs, as its packages install them. */
    private static void installedBroker(Path root) throws IOException {
        write(root.resolve("usr/share/dbus-1/services/com.microsoft.identity.broker1.service"),
                "[D-BUS Service]\nName=com.microsoft.identity.broker1\nExec=/usr/bin/microsoft-identity-broker\n");
        write(root.resolve("usr/share/dbus-1/system-services/com.microsoft.identity.devicebroker1.service"),
                "[D-BUS Service]\nName=com.microsoft.identity.devicebroker1\n"
                        + "Exec=/usr/bin/microsoft-identity-device-broker\n");
        write(root.resolve("usr/lib/systemd/user/" + USER_UNIT), "[Service]\nExecStart=/usr/bin/microsoft-identity-broker\n");
        write(root.resolve("usr/lib/systemd/system/" + DEVICE_UNIT),
                "[Service]\nExecStart=/usr/bin/microsoft-identity-device-broker\n");
        write(root.resolve("usr/bin/microsoft-identity-broker"), "");
        write(root.resolve("usr/bin/microsoft-identity-device-broker"), "");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {systemSystemd, userSystemd, deviceBroker, broker, systemBus,
            sessionBus}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // stopping a fake is best effort
                }
            }
        }
    }
}
