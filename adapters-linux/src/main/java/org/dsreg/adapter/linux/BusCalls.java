package org.dsreg.adapter.linux;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.exceptions.NotConnected;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;

/**
 * Method calls with dbus-java's message API (no proxy, no reflection: a proxy's set-up costs more
 * than the call), each waited for until a {@link BusConnections.Deadline} and no longer: a blocking
 * dbus-java call would wait its own 20 seconds whatever our deadline. Calls can be sent first and
 * their replies awaited after ({@link #send}, {@link #await}), so that independent calls on one
 * connection cost one round trip, not one each.
 */
final class BusCalls {
    private BusCalls() {
    }

    /** A method of a remote object: where it is, and the D-Bus signature of its arguments. */
    record Method(String destination, String path, String iface, String member, String signature) {
    }

    /** Sends a call of {@code method}; its reply is for {@link #await}. */
    static MethodCall send(DBusConnection c, Method method, Object... args) throws DBusException {
        if (!c.isConnected()) {
            throw new NotConnected("Not Connected");
        }
        MethodCall call = c.getMessageFactory().createMethodCall(null, method.destination(), method.path(),
                method.iface(), method.member(), (byte) 0, method.signature(), args);
        c.sendMessage(call);
        return call;
    }

    /**
     * The reply's arguments, waited for until {@code deadline}. An error reply is thrown as
     * dbus-java's exception for it, as a proxy would throw it.
     */
    static Object[] await(MethodCall call, BusConnections.Deadline deadline, String what) throws DBusException {
        Message reply = null;
        long left;
        while (reply == null && !Thread.currentThread().isInterrupted() && (left = deadline.remainingMillis()) > 0) {
            reply = call.getReply(left);
        }
        if (reply == null) {
            throw deadline.timeout(what);
        }
        if (reply instanceof org.freedesktop.dbus.messages.Error error) {
            throw error.getException();
        }
        try {
            return reply.getParameters();
        } catch (DBusException e) {
            throw new DBusExecutionException(e.getMessage(), e);
        }
    }

    /** Calls {@code method} and waits for its reply: {@link #send}, then {@link #await}. */
    static Object[] invoke(DBusConnection c, BusConnections.Deadline deadline, String what, Method method,
                           Object... args) throws DBusException {
        return await(send(c, method, args), deadline, what);
    }

    /** The one argument of a reply, of the type expected. */
    static <T> T single(Object[] reply, Class<T> type, String what) {
        if (reply == null || reply.length != 1 || !type.isInstance(reply[0])) {
            throw new DBusExecutionException(what + ": an unexpected reply");
        }
        return type.cast(reply[0]);
    }
}
