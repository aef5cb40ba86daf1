package org.dsreg.testkit.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/**
 * The part of the device broker's D-Bus interface {@code com.microsoft.identity.DeviceBroker1} that
 * {@link FakeDeviceBroker} exports.
 */
@DBusInterfaceName(DeviceBroker1.INTERFACE)
public interface DeviceBroker1 extends DBusInterface {

    /** The D-Bus interface name. */
    String INTERFACE = "com.microsoft.identity.DeviceBroker1";

    /**
     * The device broker's version.
     *
     * @param protocolVersion protocol version
     * @param correlationId   correlation id
     * @param requestJson     request JSON
     * @return reply JSON ({@code {"linuxBrokerVersion":"<v>"}})
     */
    String getLinuxBrokerVersion(String protocolVersion, String correlationId, String requestJson);
}
