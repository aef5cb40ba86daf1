package org.freedesktop.DBus.Error;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * Sent as {@code org.freedesktop.DBus.Error.UnknownProperty}: the interface has no such property.
 *
 * <p>dbus-java names the D-Bus error it sends after the Java class of the thrown exception, so its own
 * {@code org.freedesktop.dbus.errors.UnknownProperty} goes out on the wire as {@code org.freedesktop.dbus.errors.UnknownProperty}.
 * Throwing this class from an exported method makes the reply carry the standard name
 * {@code org.freedesktop.DBus.Error.UnknownProperty}, as a C (sd-bus, GDBus, libdbus) service would send. A dbus-java
 * client still receives it as {@code org.freedesktop.dbus.errors.UnknownProperty}.
 *
 * <p>Part of the dsreg testkit; used by the fakes in {@code org.dsreg.testkit.dbus}.
 */
public class UnknownProperty extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message the human-readable error message sent as the error's single string argument
     */
    public UnknownProperty(String message) {
        super(message);
    }
}
