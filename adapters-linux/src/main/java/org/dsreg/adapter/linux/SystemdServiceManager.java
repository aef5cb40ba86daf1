package org.dsreg.adapter.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.ServiceUnit;
import org.dsreg.port.out.BrokerException;
import org.dsreg.port.out.ServiceManager;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.Variant;

/**
 * Unit state from systemd's D-Bus API (the system manager on the system bus, the user manager on
 * the session bus). The binary is the first word of the unit file's {@code ExecStart=}; its
 * modification time is taken as the installation time. Without systemd the unit file is looked
 * for on disk.
 */
final class SystemdServiceManager implements ServiceManager {
    private final BusConnections buses;
    private final LinuxPaths paths;

    @Inject
    SystemdServiceManager(BusConnections buses, LinuxPaths paths) {
        this.buses = buses;
        this.paths = paths;
    }

    /** How a unit state systemd would not give is explained: what failed, then why. */
    static final String NO_STATE = "systemd did not give the unit's state: ";

    private record State(String loadState, String activeState, String subState, String fragmentPath) {
    }

    @Override
    public ServiceUnit unit(String name, ServiceUnit.Scope scope) {
        BusConnections.Bus bus = scope == ServiceUnit.Scope.SYSTEM ? BusConnections.Bus.SYSTEM : BusConnections.Bus.SESSION;
        Optional<State> state = Optional.empty();
        Optional<String> unknown = Optional.empty();
        try {
            state = Optional.of(buses.call(bus, "systemd", (c, deadline) -> {
                DBusPath unit = BusCalls.single(BusCalls.invoke(c, deadline, "systemd",
                        BrokerInterfaces.systemdManager("LoadUnit"), name), DBusPath.class, "systemd");
                BusCalls.Method get = BrokerInterfaces.propertiesGet(BrokerInterfaces.SYSTEMD_BUS_NAME,
                        unit.getPath());
                // the four reads are sent at once: one round trip, not four
                List<MethodCall> reads = new ArrayList<>();
                for (String property : PROPERTIES) {
                    reads.add(BusCalls.send(c, get, BrokerInterfaces.SYSTEMD_UNIT_INTERFACE, property));
                }
                return new State(property(reads.get(0), deadline, PROPERTIES.get(0)),
                        property(reads.get(1), deadline, PROPERTIES.get(1)),
                        property(reads.get(2), deadline, PROPERTIES.get(2)),
                        property(reads.get(3), deadline, PROPERTIES.get(3)));
            }));
        } catch (BrokerException e) {
            String m = DBusErrors.words(e.getMessage()); // "systemd: no answer within 2 s", "no session bus …"
            unknown = Optional.of(m.startsWith("systemd") ? m : NO_STATE + m);
        } catch (DBusExecutionException e) {
            unknown = Optional.of(NO_STATE + DBusErrors.describe(e));
        } catch (Exception e) {
            String words = DBusErrors.words(e.getMessage());
            unknown = Optional.of(NO_STATE + (words.isEmpty() ? "the call failed" : words));
        }
        Optional<Path> unitFile = state.map(State::fragmentPath).filter(p -> !p.isEmpty()).map(paths::system)
                .or(() -> onDisk(name, scope));
        Optional<String> binary = unitFile.flatMap(SystemdServiceManager::execStart);
        Optional<java.time.Instant> timestamp = binary.flatMap(b -> {
            try {
                return Optional.of(Files.getLastModifiedTime(paths.system(b)).toInstant());
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
        return new ServiceUnit(name, scope, state.map(State::loadState), state.map(State::activeState),
                state.map(State::subState), binary, timestamp, unknown);
    }

    @Override
    public void stop(String name) {
        try {
            buses.call(BusConnections.Bus.SYSTEM, "systemd", (c, deadline) -> {
                return BusCalls.invoke(c, deadline, "systemd", BrokerInterfaces.systemdManager("StopUnit"),
                        name, "replace");
            });
        } catch (DsregException e) {
            throw new DsregException(ErrorKind.CLEANUP_FAILED, "cannot stop " + name + ": " + e.getMessage(), e);
        } catch (DBusExecutionException e) {
            throw new DsregException(ErrorKind.CLEANUP_FAILED, "systemd did not stop " + name + ": "
                    + DBusErrors.describe(e), e);
        } catch (Exception e) {
            throw new DsregException(ErrorKind.CLEANUP_FAILED, "cannot stop " + name + ": " + e.getMessage(), e);
        }
    }

    /** The unit's properties dsreg reads, in {@link State}'s order. */
    private static final List<String> PROPERTIES = List.of("LoadState", "ActiveState", "SubState", "FragmentPath");

    /** A text property of a systemd unit, from the reply to its read. */
    private static String property(MethodCall read, BusConnections.Deadline deadline, String name)
            throws DBusException {
        Variant<?> value = BusCalls.single(BusCalls.await(read, deadline, "systemd"), Variant.class, "systemd");
        if (!(value.getValue() instanceof String text)) {
            throw new DBusExecutionException("systemd: the unit's " + name + " is not text");
        }
        return text;
    }

    private Optional<Path> onDisk(String name, ServiceUnit.Scope scope) {
        List<String> dirs = scope == ServiceUnit.Scope.SYSTEM
                ? FileBrokerInstallation.SYSTEM_UNIT_DIRS : FileBrokerInstallation.USER_UNIT_DIRS;
        return dirs.stream().map(d -> paths.system(d + "/" + name)).filter(Files::isRegularFile).findFirst();
    }

    /** The program of the first {@code ExecStart=} line, without systemd's prefix characters. */
    static Optional<String> execStart(Path unitFile) {
        try {
            for (String line : Files.readAllLines(unitFile, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.startsWith("ExecStart=")) {
                    String cmd = l.substring("ExecStart=".length()).strip().replaceFirst("^[-@:+!]+", "");
                    String program = cmd.split("\\s+", 2)[0];
                    if (program.startsWith("/")) {
                        return Optional.of(program);
                    }
                }
            }
        } catch (IOException e) {
            // no unit file to read
        }
        return Optional.empty();
    }
}
