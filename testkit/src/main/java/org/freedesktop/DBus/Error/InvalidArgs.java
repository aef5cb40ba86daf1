package org.freedesktop.DBus.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * Sent as {@code org.freedesktop.DBus.Error.InvalidArgs}: an argument of the call is not acceptable.
 *
 * <p>dbus-java names the D-Bus error it sends after the Java class of the thrown exception. Throwing this
 * class from an exported method makes the reply carry the standard name
 * {@code org.freedesktop.DBus.Error.InvalidArgs}, as a C (sd-bus, GDBus, libdbus) service would send. dbus-java
 * has no class for this name, so a dbus-java client receives it as a plain {@code DBusExecutionException}.
 *
 * <p>Part of the dsreg testkit; used by the fakes in {@code org.dsreg.testkit.dbus}.
 */
public class InvalidArgs extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message the human-readable error message sent as the error's single string argument
     */
    public InvalidArgs(String message) {
        super(message);
    }
}
