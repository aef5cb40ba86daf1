package org.dsreg.testkit.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.interfaces.DBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateBusIT {

    @Test
    void startsQuicklyAndServesConnections(@TempDir Path dir) throws Exception {
        long start = System.nanoTime();
        PrivateBus bus = PrivateBus.start(dir);
        long startedMs = (System.nanoTime() - start) / 1_000_000;
        try {
            assertTrue(startedMs < 2000, "started in " + startedMs + " ms");
            assertTrue(bus.address().startsWith("unix:path=" + dir.toAbsolutePath().resolve("bus")), bus.address());
            assertTrue(bus.address().contains(",guid="), bus.address());
            assertTrue(Files.exists(bus.socketPath()));
            assertTrue(bus.isAlive());

            try (DBusConnection a = bus.connect(); DBusConnection b = bus.connect()) {
                assertFalse(a.getUniqueName().equals(b.getUniqueName()), "connections are not shared");
                a.requestBusName("org.dsreg.test.Owner");
                DBus daemon = b.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
                assertTrue(Arrays.asList(daemon.ListNames()).contains("org.dsreg.test.Owner"));
                assertEquals(a.getUniqueName(), daemon.GetNameOwner("org.dsreg.test.Owner"));
            }
        } finally {
            bus.close();
        }
        assertFalse(bus.isAlive());
        assertFalse(Files.exists(bus.socketPath()));
        bus.close();
    }

    @Test
    void twoBusesAreIndependent(@TempDir Path one, @TempDir Path two) throws Exception {
        try (PrivateBus session = PrivateBus.start(one); PrivateBus system = PrivateBus.start(two);
             DBusConnection a = session.connect(); DBusConnection b = system.connect()) {
            a.requestBusName("org.dsreg.test.OnlyOnSession");
            DBus onSystem = b.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            assertFalse(onSystem.NameHasOwner("org.dsreg.test.OnlyOnSession"));
        }
    }

    @Test
    void tooLongSocketPathFailsClearly(@TempDir Path dir) {
        Path deep = dir.resolve("x".repeat(120));
        AssertionError e = assertThrows(AssertionError.class, () -> PrivateBus.start(deep));
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }

    @Test
    void configAllowsEveryoneAndSetsTheReplyTimeout() {
        String config = PrivateBus.config(Path.of("/tmp/x/bus"), java.time.Duration.ofMillis(1500));
        assertTrue(config.contains("<type>session</type>"));
        assertTrue(config.contains("<listen>unix:path=/tmp/x/bus</listen>"));
        assertTrue(config.contains("<allow own=\"*\"/>"));
        assertTrue(config.contains("<allow send_destination=\"*\""));
        assertTrue(config.contains("<allow receive_sender=\"*\"/>"));
        assertTrue(config.contains("<limit name=\"reply_timeout\">1500</limit>"));
        assertFalse(PrivateBus.config(Path.of("/tmp/x/bus"), null).contains("reply_timeout"));
    }
}
