package org.dsreg.testkit.dbus;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.freedesktop.dbus.DBusAsyncReply;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.errors.NoReply;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;

/** Test helpers: raw calls that expose the error name on the wire, per-call timeouts, JSON and JWT parsing. */
final class Wire {

    static final ObjectMapper JSON = new ObjectMapper();

    private Wire() {
    }

    /** What came back for a raw call. */
    record Reply(String errorName, Object[] body) {
        boolean isError() {
            return errorName != null;
        }

        String firstString() {
            return body.length == 0 ? null : String.valueOf(body[0]);
        }

        @Override
        public String toString() {
            return (errorName == null ? "return" : errorName) + Arrays.toString(body);
        }
    }

    /** Sends a method call and waits for its reply message; a null reply within the timeout fails. */
    static Reply call(DBusConnection conn, String dest, String path, String iface, String member, String sig,
                      Duration timeout, Object... args) throws DBusException {
        MethodCall call = conn.getMessageFactory().createMethodCall(dest, path, iface, member, (byte) 0, sig, args);
        conn.sendMessage(call);
        long deadline = System.nanoTime() + timeout.toNanos();
        Message reply = null;
        while (reply == null && System.nanoTime() < deadline) {
            reply = call.getReply(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        if (reply == null) {
            throw new AssertionError("no reply to " + member + " within " + timeout);
        }
        Object[] body = reply.getParameters();
        return new Reply(reply instanceof Error ? reply.getName() : null, body == null ? new Object[0] : body);
    }

    /** A broker call {@code (sss) -> s} sent raw. */
    static Reply brokerCall(DBusConnection conn, String path, String member, String json) throws DBusException {
        return call(conn, FakeBroker.BUS_NAME, path, "com.microsoft.identity.Broker1", member, "sss",
                Duration.ofSeconds(5), "0.0", UUID.randomUUID().toString(), json);
    }

    /**
     * A call with its own timeout through dbus-java's public API: {@code callMethodAsync} returns a
     * {@link DBusAsyncReply}; {@code getCall().getReply(ms)} waits at most that long, and {@code getReply()} then
     * returns the value, throws the remote error, or throws {@link NoReply} when nothing came.
     */
    static <T> T callWithTimeout(DBusConnection conn, DBusInterface remote, String method, Duration timeout,
                                 Object... args) throws DBusException {
        DBusAsyncReply<?> async = conn.callMethodAsync(remote, method, args);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!async.hasReply() && System.nanoTime() < deadline) {
            async.getCall().getReply(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        @SuppressWarnings("unchecked")
        T value = (T) async.getReply();
        return value;
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    /** The header (0) or body (1) of a JWT. */
    static JsonNode jwtPart(String jwt, int part) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a JWT: " + jwt);
        }
        return json(new String(Base64.getUrlDecoder().decode(parts[part]), java.nio.charset.StandardCharsets.UTF_8));
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
