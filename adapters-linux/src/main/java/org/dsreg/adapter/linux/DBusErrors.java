package org.dsreg.adapter.linux;

import org.dsreg.port.out.BrokerException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/** D-Bus error names, and what they mean for a broker call. */
final class DBusErrors {
    static final String UNKNOWN_OBJECT = "org.freedesktop.DBus.Error.UnknownObject";

    private DBusErrors() {
    }

    static boolean isUnknownObject(DBusExecutionException e) {
        return UNKNOWN_OBJECT.equals(e.getType()) || e instanceof org.freedesktop.dbus.errors.UnknownObject;
    }

    static BrokerException toBrokerException(String who, DBusExecutionException e) {
        String type = e.getType() == null ? e.getClass().getSimpleName() : e.getType();
        if (type.endsWith(".NoReply") || type.endsWith(".Timeout") || type.endsWith(".TimedOut")) {
            return BrokerException.timeout(who + " did not answer (" + type + ")");
        }
        if (type.endsWith(".ServiceUnknown") || type.endsWith(".NameHasNoOwner")) {
            return BrokerException.unreachable(who + " is not running (" + type + ")", e);
        }
        return BrokerException.unreachable(who + " failed: " + type
                + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
}
