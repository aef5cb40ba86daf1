package org.dsreg.testkit.dbus;

/**
 * An object on the broker's path: every {@link Broker1} method goes to one {@link Handler} under its member name.
 * {@link #notExported} stands on the path until the fake broker exports its real object: it answers every broker
 * method and {@code Introspect} with the standard {@code org.freedesktop.DBus.Error.UnknownObject};
 * {@code Peer.Ping} still answers, as sd-bus and GDBus services answer it on any path.
 */
final class BrokerObject extends PeerObject implements Broker1 {

    /** Answers a broker call. */
    @FunctionalInterface
    interface Handler {
        /**
         * Answers a call.
         *
         * @param method          the D-Bus member name
         * @param protocolVersion the call's protocol version argument
         * @param correlationId   the call's correlation id argument
         * @param requestJson     the call's request argument
         * @return the reply JSON
         */
        String handle(String method, String protocolVersion, String correlationId, String requestJson);
    }

    private final Handler handler;
    private final boolean exported;

    private BrokerObject(String path, String machineId, Handler handler, boolean exported) {
        super(path, machineId);
        this.handler = handler;
        this.exported = exported;
    }

    /**
     * The broker's object, answering through {@code handler}.
     *
     * @param path      the object path
     * @param machineId the connection's machine id (for {@code Peer.GetMachineId})
     * @param handler   answers the broker calls
     * @return the object to export
     */
    static BrokerObject answering(String path, String machineId, Handler handler) {
        return new BrokerObject(path, machineId, handler, true);
    }

    /**
     * The stand-in for a path with no exported object (a fallback).
     *
     * @param path      the object path
     * @param machineId the connection's machine id (for {@code Peer.GetMachineId})
     * @return the stand-in
     */
    static BrokerObject notExported(String path, String machineId) {
        return new BrokerObject(path, machineId, (method, version, correlation, request) -> unknownObject(path),
                false);
    }

    private static String unknownObject(String path) {
        throw new org.freedesktop.DBus.Error.UnknownObject("No such object path '" + path + "'");
    }

    @Override
    public String Introspect() {
        return exported ? super.Introspect() : unknownObject(getObjectPath());
    }

    @Override
    public String acquireTokenInteractively(String protocolVersion, String correlationId, String requestJson) {
        return handler.handle("acquireTokenInteractively", protocolVersion, correlationId, requestJson);
    }

    @Override
    public String acquireTokenSilently(String protocolVersion, String correlationId, String requestJson) {
        return handler.handle("acquireTokenSilently", protocolVersion, correlationId, requestJson);
    }

    @Override
    public String getAccounts(String protocolVersion, String correlationId, String requestJson) {
        return handler.handle("getAccounts", protocolVersion, correlationId, requestJson);
    }

    @Override
    public String removeAccount(String protocolVersion, String correlationId, String requestJson) {
        return handler.handle("removeAccount", protocolVersion, correlationId, requestJson);
    }

    @Override
    public String acquirePrtSsoCookie(String protocolVersion, String correlationId, String requestJson) {
        return handler.handle("acquirePrtSsoCookie", protocolVersion, correlationId, requestJson);
    }

    @Override
    public String generateSignedHttpRequest(String protocolVersion, String correlationId, String requestJson) {
        return handler.handle("generateSignedHttpRequest", protocolVersion, correlationId, requestJson);
    }

    @Override
    public String cancelInteractiveFlow(String protocolVersion, String correlationId, String requestJson) {
        return handler.handle("cancelInteractiveFlow", protocolVersion, correlationId, requestJson);
    }

    @Override
    public String getLinuxBrokerVersion(String protocolVersion, String correlationId, String requestJson) {
        return handler.handle("getLinuxBrokerVersion", protocolVersion, correlationId, requestJson);
    }
}
