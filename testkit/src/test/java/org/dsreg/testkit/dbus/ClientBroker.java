package org.dsreg.testkit.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/** The broker interface as a client declares it locally (no introspection needed). */
@DBusInterfaceName("com.microsoft.identity.Broker1")
public interface ClientBroker extends DBusInterface {

    String acquireTokenInteractively(String protocolVersion, String correlationId, String requestJson);

    String acquireTokenSilently(String protocolVersion, String correlationId, String requestJson);

    String getAccounts(String protocolVersion, String correlationId, String requestJson);

    String removeAccount(String protocolVersion, String correlationId, String requestJson);

    String acquirePrtSsoCookie(String protocolVersion, String correlationId, String requestJson);

    String generateSignedHttpRequest(String protocolVersion, String correlationId, String requestJson);

    String cancelInteractiveFlow(String protocolVersion, String correlationId, String requestJson);

    String getLinuxBrokerVersion(String protocolVersion, String correlationId, String requestJson);
}
