package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JavaNamesTest {
    @Test
    void exceptionClassNamesAndTheirColonGoTheRestStays() {
        assertEquals("cannot connect: Connection refused",
                JavaNames.removedFrom("cannot connect: java.net.ConnectException: Connection refused"));
        assertEquals("Failed to read", JavaNames.removedFrom(
                "org.freedesktop.dbus.exceptions.DBusExecutionException: Failed to read"));
        assertEquals("org.freedesktop.DBus.Error.AccessDenied: no",
                JavaNames.removedFrom("org.freedesktop.DBus.Error.AccessDenied: no"), "a D-Bus error name stays");
        assertEquals("dsreg.example is fine", JavaNames.removedFrom("dsreg.example is fine"));
    }
}
