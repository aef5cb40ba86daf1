package org.freedesktop.DBus.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * Sent as {@code org.freedesktop.DBus.Error.UnknownObject}: no object is exported at the called path.
 *
 * <p>dbus-java names the D-Bus error it sends after the Java class of the thrown exception, so its own
 * {@code org.freedesktop.dbus.errors.UnknownObject} goes out on the wire as {@code org.freedesktop.dbus.errors.UnknownObject}.
 * Throwing this class from an exported method makes the reply carry the standard name
 * {@code org.freedesktop.DBus.Error.UnknownObject}, as a C (sd-bus, GDBus, libdbus) service would send. A dbus-java
 * client still receives it as {@code org.freedesktop.dbus.errors.UnknownObject}.
 *
 * <p>Part of the dsreg testkit; used by the fakes in {@code org.dsreg.testkit.dbus}.
 */
public class UnknownObject extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message the human-readable error message sent as the error's single string argument
     */
    public UnknownObject(String message) {
        super(message);
    }
}
