package org.dsreg.testkit.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeBrokerMainIT {

    @Test
    void printsReadyServesAndStopsWhenStdinCloses(@TempDir Path dir) throws Exception {
        try (PrivateBus bus = PrivateBus.start(dir)) {
            PipedOutputStream stdinWriter = new PipedOutputStream();
            PipedInputStream stdin = new PipedInputStream(stdinWriter);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> FakeBrokerMain.run(
                    new String[] {"--address", bus.address(), "--profile", "v3_0",
                        "--account", "dave@example.test:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"},
                    stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!out.toString(StandardCharsets.UTF_8).contains("ready") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("ready", out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8));

            try (DBusConnection client = bus.connect()) {
                ClientBroker b = client.getRemoteObject(FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH,
                        ClientBroker.class);
                assertEquals("3.0.1", Wire.json(b.getLinuxBrokerVersion("0.0", Wire.id(), "{}"))
                        .path("linuxBrokerVersion").asText());
                assertEquals("dave@example.test", Wire.json(b.getAccounts("0.0", Wire.id(), "{}"))
                        .path("accounts").path(0).path("username").asText());

                stdinWriter.close();
                assertEquals(0, exit.get(5, TimeUnit.SECONDS));
                assertTrue(!client.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus",
                        org.freedesktop.dbus.interfaces.DBus.class).NameHasOwner(FakeBroker.BUS_NAME));
            }
        }
    }

    @Test
    void badArgumentsExitWithUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FakeBrokerMain.run(new String[] {"--profile", "NOPE"}, java.io.InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"), err.toString(StandardCharsets.UTF_8));
    }
}
