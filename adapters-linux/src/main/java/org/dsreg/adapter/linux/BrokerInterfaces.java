package org.dsreg.adapter.linux;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/**
 * The D-Bus interfaces dsreg calls, declared here: brokers newer than 2.0.1 do not answer
 * introspection, so nothing may depend on it.
 */
final class BrokerInterfaces {
    static final String USER_BUS_NAME = "com.microsoft.identity.broker1";
    static final String USER_OBJECT = "/com/microsoft/identity/broker1";
    static final String DEVICE_BUS_NAME = "com.microsoft.identity.devicebroker1";
    static final String DEVICE_OBJECT = "/com/microsoft/identity/devicebroker1";
    static final String SYSTEMD_BUS_NAME = "org.freedesktop.systemd1";
    static final String SYSTEMD_OBJECT = "/org/freedesktop/systemd1";
    static final String SYSTEMD_UNIT_INTERFACE = "org.freedesktop.systemd1.Unit";
    /** The protocol version every user-broker call carries. */
    static final String PROTOCOL_VERSION = "0.0";

    private BrokerInterfaces() {
    }

    /** The user broker. Every method is {@code (sss) -> s}: protocol version, correlation id, request JSON. */
    @DBusInterfaceName("com.microsoft.identity.Broker1")
    interface Broker1 extends DBusInterface {
        String getLinuxBrokerVersion(String protocolVersion, String correlationId, String requestJson);

        String getAccounts(String protocolVersion, String correlationId, String requestJson);

        String acquirePrtSsoCookie(String protocolVersion, String correlationId, String requestJson);

        String acquireTokenSilently(String protocolVersion, String correlationId, String requestJson);

        String removeAccount(String protocolVersion, String correlationId, String requestJson);
    }

    /** The device broker; only the version call is relied on, and only optionally. */
    @DBusInterfaceName("com.microsoft.identity.DeviceBroker1")
    interface DeviceBroker1 extends DBusInterface {
        String getLinuxBrokerVersion(String protocolVersion, String correlationId, String requestJson);
    }

    /** The part of systemd's manager interface dsreg uses. */
    @DBusInterfaceName("org.freedesktop.systemd1.Manager")
    interface SystemdManager extends DBusInterface {
        DBusPath LoadUnit(String name);

        DBusPath StopUnit(String name, String mode);
    }
}
