package org.dsreg.testkit.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.interfaces.DBusInterface;

/**
 * The user broker's D-Bus interface {@code com.microsoft.identity.Broker1} as {@link FakeBroker} exports it.
 * Every method is {@code (sss) -> s}: protocol version ({@code "0.0"}), correlation id (a UUID), request JSON;
 * the reply is one JSON string. The Java method names are the D-Bus member names.
 *
 * <p>Code under test should declare its own interface with the same annotation rather than use this one.
 */
@DBusInterfaceName(Broker1.INTERFACE)
public interface Broker1 extends DBusInterface {

    /** The D-Bus interface name. */
    String INTERFACE = "com.microsoft.identity.Broker1";

    /**
     * Interactive token acquisition (the fake has no UI and answers like a silent acquisition).
     *
     * @param protocolVersion protocol version, {@code "0.0"}
     * @param correlationId   correlation id
     * @param requestJson     request JSON
     * @return reply JSON
     */
    String acquireTokenInteractively(String protocolVersion, String correlationId, String requestJson);

    /**
     * Silent token acquisition from the cached refresh token / PRT.
     *
     * @param protocolVersion protocol version, {@code "0.0"}
     * @param correlationId   correlation id
     * @param requestJson     request JSON ({@code {"authParameters":{...}}})
     * @return reply JSON ({@code {"brokerTokenResponse":{...}}})
     */
    String acquireTokenSilently(String protocolVersion, String correlationId, String requestJson);

    /**
     * The accounts the broker knows.
     *
     * @param protocolVersion protocol version, {@code "0.0"}
     * @param correlationId   correlation id
     * @param requestJson     request JSON ({@code {"clientId":...,"redirectUri":...}})
     * @return reply JSON ({@code {"accounts":[...]}})
     */
    String getAccounts(String protocolVersion, String correlationId, String requestJson);

    /**
     * Forgets an account.
     *
     * @param protocolVersion protocol version, {@code "0.0"}
     * @param correlationId   correlation id
     * @param requestJson     request JSON ({@code {"account":{...},...}})
     * @return reply JSON ({@code {}})
     */
    String removeAccount(String protocolVersion, String correlationId, String requestJson);

    /**
     * A PRT SSO cookie for an account.
     *
     * @param protocolVersion protocol version, {@code "0.0"}
     * @param correlationId   correlation id
     * @param requestJson     request JSON ({@code {"account":{...},"authParameters":{...},"ssoUrl":...}})
     * @return reply JSON (cookie or error, shape depending on the broker version)
     */
    String acquirePrtSsoCookie(String protocolVersion, String correlationId, String requestJson);

    /**
     * A signed HTTP request (proof-of-possession); the fake answers with an unsigned placeholder.
     *
     * @param protocolVersion protocol version, {@code "0.0"}
     * @param correlationId   correlation id
     * @param requestJson     request JSON
     * @return reply JSON
     */
    String generateSignedHttpRequest(String protocolVersion, String correlationId, String requestJson);

    /**
     * Cancels a running interactive flow.
     *
     * @param protocolVersion protocol version, {@code "0.0"}
     * @param correlationId   correlation id
     * @param requestJson     request JSON
     * @return reply JSON ({@code {}})
     */
    String cancelInteractiveFlow(String protocolVersion, String correlationId, String requestJson);

    /**
     * The broker's version.
     *
     * @param protocolVersion protocol version, {@code "0.0"}
     * @param correlationId   correlation id
     * @param requestJson     request JSON ({@code {"msalCppVersion":...}})
     * @return reply JSON ({@code {"linuxBrokerVersion":"2.0.1"}})
     */
    String getLinuxBrokerVersion(String protocolVersion, String correlationId, String requestJson);
}
