package org.dsreg.testkit.dbus;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * A fake systemd manager: owns {@value #BUS_NAME} on the given bus, exports {@value #OBJECT_PATH} with
 * {@code org.freedesktop.systemd1.Manager.LoadUnit(s) -> o}, and one object per loaded unit at
 * {@value #UNIT_PATH_PREFIX}{@code <escaped name>} whose {@code org.freedesktop.DBus.Properties} {@code Get} and
 * {@code GetAll} answer the {@value #UNIT_INTERFACE} properties {@code Id}, {@code LoadState},
 * {@code ActiveState}, {@code SubState} and {@code FragmentPath}.
 *
 * <p>As in real systemd, {@code LoadUnit} of an unknown (but well-formed) unit name still returns a path; that
 * unit's {@code LoadState} is {@code not-found}. Unit states can be changed while running with
 * {@link #putUnit(UnitState)}. Unlike the brokers, this fake keeps dbus-java's automatic introspection.
 */
public final class FakeSystemd implements AutoCloseable {

    /** systemd's bus name. */
    public static final String BUS_NAME = "org.freedesktop.systemd1";
    /** The manager's object path. */
    public static final String OBJECT_PATH = "/org/freedesktop/systemd1";
    /** The prefix of unit object paths. */
    public static final String UNIT_PATH_PREFIX = "/org/freedesktop/systemd1/unit/";
    /** The unit interface whose properties the unit objects serve. */
    public static final String UNIT_INTERFACE = "org.freedesktop.systemd1.Unit";

    /**
     * The state of one unit.
     *
     * @param name         the unit name, e.g. {@code microsoft-identity-device-broker.service}
     * @param loadState    {@code loaded}, {@code not-found}, {@code masked}, ...
     * @param activeState  {@code active}, {@code inactive}, {@code failed}, {@code activating}, ...
     * @param subState     {@code running}, {@code dead}, {@code exited}, ...
     * @param fragmentPath the unit file, or {@code ""}
     */
    public record UnitState(String name, String loadState, String activeState, String subState,
                            String fragmentPath) {

        /**
         * Validates that no component is null.
         *
         * @param name see the record component
         * @param loadState see the record component
         * @param activeState see the record component
         * @param subState see the record component
         * @param fragmentPath see the record component
         */
        public UnitState {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(loadState, "loadState");
            Objects.requireNonNull(activeState, "activeState");
            Objects.requireNonNull(subState, "subState");
            Objects.requireNonNull(fragmentPath, "fragmentPath");
        }

        /**
         * What systemd reports for a unit it has no file for.
         *
         * @param name the unit name
         * @return {@code not-found}, {@code inactive}, {@code dead}, no fragment path
         */
        public static UnitState notFound(String name) {
            return new UnitState(name, "not-found", "inactive", "dead", "");
        }

        Map<String, Variant<?>> properties() {
            Map<String, Variant<?>> map = new LinkedHashMap<>();
            map.put("Id", new Variant<>(name));
            map.put("LoadState", new Variant<>(loadState));
            map.put("ActiveState", new Variant<>(activeState));
            map.put("SubState", new Variant<>(subState));
            map.put("FragmentPath", new Variant<>(fragmentPath));
            return map;
        }
    }

    private final DBusConnection connection;
    private final Map<String, UnitState> units = new ConcurrentHashMap<>();
    private final Set<String> exported = ConcurrentHashMap.newKeySet();
    private final SystemdManagerObject manager = new SystemdManagerObject(units, this::ensureExported);

    private FakeSystemd(DBusConnection connection, Map<String, UnitState> initial) {
        this.connection = connection;
        this.units.putAll(initial);
    }

    /**
     * A builder for a fake systemd.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Units of a {@link FakeSystemd}. */
    public static final class Builder {
        private final Map<String, UnitState> units = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds (or replaces) a unit.
         *
         * @param name         unit name
         * @param loadState    e.g. {@code loaded}
         * @param activeState  e.g. {@code active}
         * @param subState     e.g. {@code running}
         * @param fragmentPath unit file path or {@code ""}
         * @return this
         */
        public Builder unit(String name, String loadState, String activeState, String subState, String fragmentPath) {
            return unit(new UnitState(name, loadState, activeState, subState, fragmentPath));
        }

        /**
         * Adds (or replaces) a unit.
         *
         * @param state the unit
         * @return this
         */
        public Builder unit(UnitState state) {
            units.put(state.name(), state);
            return this;
        }

        /**
         * Connects, owns {@value FakeSystemd#BUS_NAME} and exports the manager and the configured units.
         *
         * @param busAddress the bus address
         * @return the running fake
         * @throws DBusException when the connection fails or the name cannot be owned
         */
        public FakeSystemd start(String busAddress) throws DBusException {
            DBusConnection connection = BusSupport.connectService(Objects.requireNonNull(busAddress, "busAddress"));
            FakeSystemd systemd = new FakeSystemd(connection, units);
            try {
                connection.exportObject(OBJECT_PATH, systemd.manager);
                for (String name : units.keySet()) {
                    systemd.ensureExported(name);
                }
                connection.requestBusName(BUS_NAME);
            } catch (DBusException | RuntimeException e) {
                systemd.close();
                throw e;
            }
            return systemd;
        }
    }

    /**
     * The object path systemd uses for a unit: {@value #UNIT_PATH_PREFIX} followed by
     * {@link #escapeUnitName(String)}.
     *
     * @param unitName the unit name
     * @return the object path
     */
    public static String unitPath(String unitName) {
        return UNIT_PATH_PREFIX + escapeUnitName(unitName);
    }

    /**
     * systemd's escaping of a name into one object path element: every byte of the UTF-8 encoding that is not
     * an ASCII letter or digit becomes {@code _} and two lower-case hex digits; a digit is escaped too when it is
     * the first byte; the empty string becomes {@code _}. For example
     * {@code microsoft-identity-device-broker.service} becomes
     * {@code microsoft_2didentity_2ddevice_2dbroker_2eservice}.
     *
     * @param name the name
     * @return the escaped path element
     */
    public static String escapeUnitName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            return "_";
        }
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
            boolean digit = b >= '0' && b <= '9';
            if (letter || (digit && i > 0)) {
                sb.append((char) b);
            } else {
                sb.append('_').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            }
        }
        return sb.toString();
    }

    /**
     * Adds or changes a unit while running (e.g. to stop a service mid-test).
     *
     * @param state the unit's new state
     * @throws DBusException when its object cannot be exported
     */
    public void putUnit(UnitState state) throws DBusException {
        units.put(state.name(), state);
        ensureExported(state.name());
    }

    /**
     * The current state of a unit.
     *
     * @param name the unit name
     * @return the configured state, or {@link UnitState#notFound(String)}
     */
    public UnitState unit(String name) {
        return units.getOrDefault(name, UnitState.notFound(name));
    }

    /**
     * The unit names passed to {@code LoadUnit} so far, in order.
     *
     * @return an immutable snapshot
     */
    public List<String> loadUnitCalls() {
        return manager.loadUnitCalls();
    }

    /**
     * The unit names passed to {@code StopUnit} so far, in order.
     *
     * @return an immutable snapshot
     */
    public List<String> stopUnitCalls() {
        return manager.stopUnitCalls();
    }

    /** Drops the bus name and disconnects. Idempotent. */
    @Override
    public void close() {
        if (connection.isConnected()) {
            connection.disconnect();
        }
    }

    @Override
    public String toString() {
        return "FakeSystemd" + units.keySet();
    }

    private synchronized String ensureExported(String name) throws DBusException {
        String path = unitPath(name);
        if (exported.add(name)) {
            connection.exportObject(path, new SystemdUnitObject(path, name, this::unit));
        }
        return path;
    }
}
