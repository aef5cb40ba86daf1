package org.dsreg.testkit.dbus;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;

/**
 * A fake Microsoft identity device broker: owns {@value #BUS_NAME} on the given bus (normally a
 * {@link PrivateBus} standing in for the system bus), exports {@value #OBJECT_PATH} with interface
 * {@value DeviceBroker1#INTERFACE}, and answers {@code getLinuxBrokerVersion} with
 * {@code {"linuxBrokerVersion":"<version>"}} and {@code org.freedesktop.DBus.Peer.Ping}. Like the real device
 * broker it does not answer {@code Introspect} ({@code org.freedesktop.DBus.Error.UnknownMethod}).
 *
 * <p>Other device broker methods are not exported; dbus-java answers them with an error named
 * {@code org.freedesktop.dbus.errors.UnknownMethod} (its Java class name, not the standard
 * {@code org.freedesktop.DBus.Error.UnknownMethod}).
 *
 * <p>{@link #startWithoutVersionCall(String)} starts a device broker that owns its name and answers {@code Ping}
 * but not {@code getLinuxBrokerVersion}: that call gets the standard {@code org.freedesktop.DBus.Error.UnknownMethod},
 * as from a device broker whose interface has no such method.
 */
public final class FakeDeviceBroker implements AutoCloseable {

    /** The device broker's well-known bus name. */
    public static final String BUS_NAME = "com.microsoft.identity.devicebroker1";
    /** The device broker's object path. */
    public static final String OBJECT_PATH = "/com/microsoft/identity/devicebroker1";
    /** The version reported by {@link #start(String)}. */
    public static final String DEFAULT_VERSION = "2.0.1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DBusConnection connection;
    private final String version;
    private final boolean answersVersion;
    private final CopyOnWriteArrayList<RecordedCall> calls = new CopyOnWriteArrayList<>();

    private FakeDeviceBroker(DBusConnection connection, String version, boolean answersVersion) {
        this.connection = connection;
        this.version = version;
        this.answersVersion = answersVersion;
    }

    /**
     * Starts a device broker reporting {@value #DEFAULT_VERSION}.
     *
     * @param busAddress the bus to serve on
     * @return the running device broker
     * @throws DBusException when the connection fails or the name cannot be owned
     */
    public static FakeDeviceBroker start(String busAddress) throws DBusException {
        return start(busAddress, DEFAULT_VERSION);
    }

    /**
     * Starts a device broker.
     *
     * @param busAddress the bus to serve on
     * @param version    the version {@code getLinuxBrokerVersion} reports
     * @return the running device broker
     * @throws DBusException when the connection fails or the name cannot be owned
     */
    public static FakeDeviceBroker start(String busAddress, String version) throws DBusException {
        return start(busAddress, Objects.requireNonNull(version, "version"), true);
    }

    /**
     * Starts a device broker that does not answer {@code getLinuxBrokerVersion}: the call gets
     * {@code org.freedesktop.DBus.Error.UnknownMethod} (and is recorded); {@code Ping} answers.
     *
     * @param busAddress the bus to serve on
     * @return the running device broker; its {@link #version()} is empty
     * @throws DBusException when the connection fails or the name cannot be owned
     */
    public static FakeDeviceBroker startWithoutVersionCall(String busAddress) throws DBusException {
        return start(busAddress, "", false);
    }

    private static FakeDeviceBroker start(String busAddress, String version, boolean answersVersion)
            throws DBusException {
        DBusConnection connection = BusSupport.connectService(Objects.requireNonNull(busAddress, "busAddress"));
        FakeDeviceBroker broker = new FakeDeviceBroker(connection, version, answersVersion);
        try {
            BusSupport.removeGlobalIntrospection(connection);
            connection.requestBusName(BUS_NAME);
            connection.exportObject(OBJECT_PATH, broker.new DeviceBrokerObject(connection.getMachineId()));
        } catch (DBusException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /**
     * The version this device broker reports.
     *
     * @return the version; empty for a broker started {@linkplain #startWithoutVersionCall(String) without the
     *         version call}
     */
    public String version() {
        return version;
    }

    /**
     * The calls received so far.
     *
     * @return an immutable snapshot
     */
    public List<RecordedCall> calls() {
        return List.copyOf(calls);
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
        return "FakeDeviceBroker[" + (answersVersion ? version : "no version call") + "]";
    }

    private final class DeviceBrokerObject extends PeerObject implements DeviceBroker1 {

        private DeviceBrokerObject(String machineId) {
            super(OBJECT_PATH, machineId);
        }

        @Override
        public String getLinuxBrokerVersion(String protocolVersion, String correlationId, String requestJson) {
            calls.add(new RecordedCall("getLinuxBrokerVersion", protocolVersion, correlationId, requestJson));
            if (!answersVersion) {
                throw new org.freedesktop.DBus.Error.UnknownMethod("No such method 'getLinuxBrokerVersion' in interface '"
                        + DeviceBroker1.INTERFACE + "' at object path '" + OBJECT_PATH + "'");
            }
            try {
                return MAPPER.writeValueAsString(MAPPER.createObjectNode().put("linuxBrokerVersion", version));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
