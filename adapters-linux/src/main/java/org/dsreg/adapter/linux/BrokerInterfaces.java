package org.dsreg.adapter.linux;

import org.dsreg.adapter.linux.BusCalls.Method;

/**
 * The D-Bus methods dsreg calls, declared here: brokers newer than 2.0.1 do not answer
 * introspection, so nothing may depend on it. They are called with dbus-java's message API
 * ({@link BusConnections#invoke}), not through proxies: a proxy's set-up costs more than the call.
 */
final class BrokerInterfaces {
    static final String USER_BUS_NAME = "com.microsoft.identity.broker1";
    static final String USER_OBJECT = "/com/microsoft/identity/broker1";
    static final String USER_INTERFACE = "com.microsoft.identity.Broker1";
    static final String DEVICE_BUS_NAME = "com.microsoft.identity.devicebroker1";
    static final String DEVICE_OBJECT = "/com/microsoft/identity/devicebroker1";
    static final String DEVICE_INTERFACE = "com.microsoft.identity.DeviceBroker1";
    static final String SYSTEMD_BUS_NAME = "org.freedesktop.systemd1";
    static final String SYSTEMD_OBJECT = "/org/freedesktop/systemd1";
    static final String SYSTEMD_MANAGER_INTERFACE = "org.freedesktop.systemd1.Manager";
    static final String SYSTEMD_UNIT_INTERFACE = "org.freedesktop.systemd1.Unit";
    static final String PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties";
    /** The protocol version every user-broker call carries. */
    static final String PROTOCOL_VERSION = "0.0";
    /** Every broker method is {@code (sss) -> s}: protocol version, correlation id, request JSON. */
    static final String BROKER_SIGNATURE = "sss";

    private BrokerInterfaces() {
    }

    /**
     * A method of the user broker ({@code getLinuxBrokerVersion}, {@code getAccounts},
     * {@code acquirePrtSsoCookie}, {@code acquireTokenSilently}, {@code removeAccount}).
     */
    static Method userBroker(String member) {
        return new Method(USER_BUS_NAME, USER_OBJECT, USER_INTERFACE, member, BROKER_SIGNATURE);
    }

    /** The device broker's version call; only it is relied on, and only optionally. */
    static Method deviceBrokerVersion() {
        return new Method(DEVICE_BUS_NAME, DEVICE_OBJECT, DEVICE_INTERFACE, "getLinuxBrokerVersion", BROKER_SIGNATURE);
    }

    /** systemd's manager: {@code LoadUnit(s) -> o}, {@code StopUnit(ss) -> o}. */
    static Method systemdManager(String member) {
        return new Method(SYSTEMD_BUS_NAME, SYSTEMD_OBJECT, SYSTEMD_MANAGER_INTERFACE, member,
                "StopUnit".equals(member) ? "ss" : "s");
    }

    /** {@code org.freedesktop.DBus.Properties.Get(ss) -> v} of an object of {@code destination}. */
    static Method propertiesGet(String destination, String path) {
        return new Method(destination, path, PROPERTIES_INTERFACE, "Get", "ss");
    }
}
