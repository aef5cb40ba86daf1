package org.dsreg.testkit.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** The device broker interface as a client declares it locally. */
@DBusInterfaceName("com.microsoft.identity.DeviceBroker1")
public interface ClientDeviceBroker extends DBusInterface {

    String getLinuxBrokerVersion(String protocolVersion, String correlationId, String requestJson);

    /** Not exported by the fake. */
    String getStkJwk(String protocolVersion, String correlationId, String requestJson);
}
