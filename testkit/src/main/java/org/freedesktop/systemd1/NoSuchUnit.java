package org.freedesktop.systemd1;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * systemd's error for a unit it does not know, {@code org.freedesktop.systemd1.NoSuchUnit}. dbus-java
 * names an error after its exception class, so this class carries that name on the wire.
 */
public class NoSuchUnit extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    public NoSuchUnit(String message) {
        super(message);
    }
}
