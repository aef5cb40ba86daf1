package org.dsreg.testkit.dbus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * realmd on a (private) system bus, as far as dsreg reads it: {@code org.freedesktop.realmd} with
 * the provider object {@code /org/freedesktop/realmd} whose {@code org.freedesktop.realmd.Provider}
 * property {@code Realms} lists realm objects, each with the {@code org.freedesktop.realmd.Realm}
 * properties {@code Name} and {@code Configured} ("" when not joined, "kerberos-member" when joined).
 */
public final class FakeRealmd implements AutoCloseable {
    public static final String BUS_NAME = "org.freedesktop.realmd";
    public static final String PROVIDER_PATH = "/org/freedesktop/realmd";
    public static final String PROVIDER_INTERFACE = "org.freedesktop.realmd.Provider";
    public static final String REALM_INTERFACE = "org.freedesktop.realmd.Realm";

    private final DBusConnection connection;

    private FakeRealmd(DBusConnection connection) {
        this.connection = connection;
    }

    /** A realm the fake lists: its name, and "kerberos-member" when joined or "" when only discovered. */
    public record Realm(String name, String configured) {
        public Realm {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(configured, "configured");
        }
    }

    /**
     * Starts the fake with these realms.
     *
     * @param busAddress the bus address
     * @param realms     the realms, in order
     * @return the running fake
     * @throws DBusException when the connection fails or the name cannot be owned
     */
    public static FakeRealmd start(String busAddress, List<Realm> realms) throws DBusException {
        DBusConnection connection = BusSupport.connectService(Objects.requireNonNull(busAddress, "busAddress"));
        FakeRealmd fake = new FakeRealmd(connection);
        try {
            List<DBusPath> paths = new ArrayList<>();
            int i = 0;
            for (Realm r : realms) {
                String path = PROVIDER_PATH + "/Sssd/realm" + i++;
                paths.add(new DBusPath(path));
                Map<String, Variant<?>> props = new LinkedHashMap<>();
                props.put("Name", new Variant<>(r.name()));
                props.put("Configured", new Variant<>(r.configured()));
                connection.exportObject(path, new PropertiesObject(path, REALM_INTERFACE, props));
            }
            Map<String, Variant<?>> provider = new LinkedHashMap<>();
            provider.put("Realms", new Variant<>(paths, "ao"));
            connection.exportObject(PROVIDER_PATH, new PropertiesObject(PROVIDER_PATH, PROVIDER_INTERFACE, provider));
            connection.requestBusName(BUS_NAME);
        } catch (DBusException | RuntimeException e) {
            fake.close();
            throw e;
        }
        return fake;
    }

    /** Drops the bus name and disconnects. Idempotent. */
    @Override
    public void close() {
        if (connection.isConnected()) {
            connection.disconnect();
        }
    }

    private record PropertiesObject(String path, String iface, Map<String, Variant<?>> props) implements Properties {
        @Override
        public String getObjectPath() {
            return path;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <A> A Get(String interfaceName, String propertyName) {
            Variant<?> v = GetAll(interfaceName).get(propertyName);
            if (v == null) {
                throw new org.freedesktop.DBus.Error.UnknownProperty("Unknown property " + propertyName);
            }
            return (A) v; // the Variant itself keeps its signature (ao for Realms) on the wire
        }

        @Override
        public <A> void Set(String interfaceName, String propertyName, A value) {
            throw new org.freedesktop.DBus.Error.PropertyReadOnly("read-only");
        }

        @Override
        public Map<String, Variant<?>> GetAll(String interfaceName) {
            if (!interfaceName.isEmpty() && !iface.equals(interfaceName)) {
                throw new org.freedesktop.DBus.Error.UnknownInterface("Unknown interface " + interfaceName);
            }
            return props;
        }
    }
}
