package org.dsreg.adapter.linux;

import org.dsreg.domain.JavaNames;
import org.dsreg.port.out.BrokerException;
import org.freedesktop.dbus.errors.AccessDenied;
import org.freedesktop.dbus.errors.NoReply;
import org.freedesktop.dbus.errors.ServiceUnknown;
import org.freedesktop.dbus.errors.Timeout;
import org.freedesktop.dbus.errors.UnknownInterface;
import org.freedesktop.dbus.errors.UnknownMethod;
import org.freedesktop.dbus.errors.UnknownObject;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * D-Bus errors, and what they mean for a broker call. dbus-java turns a standard error
 * ({@code org.freedesktop.DBus.Error.NoReply}) into its own class
 * ({@code org.freedesktop.dbus.errors.NoReply}), whose name is all {@code getType()} tells: errors
 * are recognised by class, and by the last part of the name for any other class of the same name.
 */
final class DBusErrors {
    /** The message of the NoReply dbus-java makes up itself when its own reply wait (20 s) ends. */
    static final String LOCAL_NO_REPLY = "No reply within specified time";
    /** How dbus-daemon's NoReply begins when its reply timeout for the call expired. */
    static final String BUS_NO_REPLY = "Did not receive a reply";
    /** The package of dbus-java's classes for the standard errors. */
    private static final String DBUS_JAVA_ERRORS = "org.freedesktop.dbus.errors.";

    private DBusErrors() {
    }

    static boolean isUnknownObject(DBusExecutionException e) {
        return is(e, UnknownObject.class, "UnknownObject");
    }

    /**
     * What a D-Bus error means. {@code NoReply} comes from the bus when the broker disconnected
     * without answering, or after the bus's own reply timeout (25 s, longer than our deadlines):
     * the broker went away, UNREACHABLE. Our own deadline is a TIMEOUT, and raised elsewhere.
     */
    static BrokerException toBrokerException(String who, DBusExecutionException e) {
        String name = busName(e);
        if (is(e, NoReply.class, "NoReply")) {
            if (LOCAL_NO_REPLY.equals(e.getMessage())) {
                return BrokerException.timeout(who + " did not answer (timeout; " + name + ")");
            }
            if (e.getMessage() != null && e.getMessage().startsWith(BUS_NO_REPLY)) {
                // the bus's own reply timeout: the broker may still be there, but it did not answer in time
                return BrokerException.unreachable(who + " did not answer before the bus's reply timeout (timeout; "
                        + name + ")", e);
            }
            return BrokerException.unreachable(who + " went away without answering (" + name + ")", e);
        }
        if (is(e, Timeout.class, "Timeout") || name.endsWith(".TimedOut")) {
            return BrokerException.timeout(who + " did not answer (" + name + ")");
        }
        if (is(e, ServiceUnknown.class, "ServiceUnknown") || name.endsWith(".NameHasNoOwner")) {
            return BrokerException.unreachable(who + " is not running (" + name + ")", e);
        }
        if (is(e, UnknownMethod.class, "UnknownMethod") || is(e, UnknownInterface.class, "UnknownInterface")
                || is(e, AccessDenied.class, "AccessDenied")) {
            return BrokerException.notSupported(who + " does not answer this call (" + describe(e) + ")", e);
        }
        return BrokerException.unreachable(who + " failed: " + describe(e), e);
    }

    /**
     * The error in words for a person: its D-Bus name where it has one ({@code org.freedesktop.systemd1.NoSuchUnit}),
     * then its message without any Java class name in it. An error dbus-java raised itself (a reply it could not
     * read, a call it could not make) has no D-Bus name: its message alone.
     */
    static String describe(DBusExecutionException e) {
        String name = busName(e);
        String message = words(e.getMessage());
        boolean busError = name.indexOf('.') > 0; // dbus-java's own classes have been cut to a bare class name
        if (!busError) {
            return message.isEmpty() ? "the call failed" : message;
        }
        return message.isEmpty() ? name : name + ": " + message;
    }

    /** A message with the Java class names that dbus-java and the JDK put in theirs taken out, on one line. */
    static String words(String message) {
        if (message == null) {
            return "";
        }
        return JavaNames.removedFrom(message).replaceAll("\\s+", " ").strip();
    }

    /**
     * The error's D-Bus name, as the bus and {@code busctl} show it
     * ({@code org.freedesktop.DBus.Error.NoReply}), never the name of dbus-java's class for it.
     */
    @SuppressWarnings("deprecation") // getType() is the only way to the name of an error dbus-java has no class for
    static String busName(DBusExecutionException e) {
        String type = e.getType() == null ? name(e) : e.getType();
        if (type.startsWith(DBUS_JAVA_ERRORS)) {
            return "org.freedesktop.DBus.Error." + type.substring(DBUS_JAVA_ERRORS.length());
        }
        if (type.startsWith("org.freedesktop.dbus.")) { // another of dbus-java's own classes
            return type.substring(type.lastIndexOf('.') + 1);
        }
        return type;
    }

    /** Whether {@code e} is the error of {@code type}, by class or by the last part of its name. */
    static boolean is(DBusExecutionException e, Class<? extends DBusExecutionException> type, String simpleName) {
        return type.isInstance(e) || name(e).endsWith("." + simpleName);
    }

    /** The error's name: dbus-java's class name for it (what its deprecated getType() returns too). */
    private static String name(DBusExecutionException e) {
        return e.getClass().getName();
    }
}
