package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dsreg.port.out.BrokerException;
import org.dsreg.testkit.dbus.PrivateBus;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, retrying and closing the bus connections. */
class BusConnectionsIT {
    @TempDir
    Path dir;

    private BusConnections buses(Optional<String> session, Duration timeout) {
        return new BusConnections(new DBusSettings(session, "unix:path=" + dir.resolve("no-system-bus"), timeout));
    }

    private static BrokerException.Reason reasonOfACallOn(BusConnections buses, BusConnections.Bus bus) {
        return assertThrows(BrokerException.class, () -> buses.call(bus, "a test call", (c, d) -> c.getUniqueName()))
                .reason();
    }

    private static void awaitDisconnected(DBusConnection connection) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (connection.isConnected() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertFalse(connection.isConnected(), "the connection was never closed");
    }

    @Test
    void noSessionBusAddressOrAMissingSocketIsNoBus() {
        try (BusConnections buses = buses(Optional.empty(), Duration.ofSeconds(5))) {
            assertEquals(BrokerException.Reason.NO_BUS, reasonOfACallOn(buses, BusConnections.Bus.SESSION));
            assertEquals(BrokerException.Reason.NO_BUS, reasonOfACallOn(buses, BusConnections.Bus.SYSTEM));
        }
    }

    @Test
    void aFailedConnectIsTriedAgainByTheNextCall() throws Exception {
        Path busDir = Files.createDirectories(dir.resolve("later"));
        try (BusConnections buses = buses(Optional.of("unix:path=" + busDir.resolve("bus")), Duration.ofSeconds(5))) {
            assertEquals(BrokerException.Reason.NO_BUS, reasonOfACallOn(buses, BusConnections.Bus.SESSION));
            try (PrivateBus bus = PrivateBus.start(busDir)) {
                // the bus's own method, answered once the connection has said Hello
                String id = BusCalls.single(buses.call(BusConnections.Bus.SESSION, "a test call",
                        (c, d) -> BusCalls.invoke(c, d, "a test call", new BusCalls.Method(
                                "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetId", null))),
                        String.class, "a test call");
                assertTrue(id.matches("[0-9a-f]{32}"), id);
            }
        }
    }

    @Test
    void closeDoesNotWaitForADisconnectThatBlocks() throws Exception {
        try (PrivateBus bus = PrivateBus.start(Files.createDirectories(dir.resolve("bus")))) {
            BusConnections buses = buses(Optional.of(bus.address()), Duration.ofSeconds(5));
            DBusConnection connection = buses.call(BusConnections.Bus.SESSION, "a test call", (c, d) -> c);
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                synchronized (connection) { // disconnect() is synchronized on the connection: it blocks
                    held.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            holder.start();
            assertTrue(held.await(5, TimeUnit.SECONDS));
            long start = System.nanoTime();
            buses.close();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 200, "close() waited " + ms + " ms");
            assertTrue(connection.isConnected());
            release.countDown();
            awaitDisconnected(connection);
            holder.join();
        }
    }

    @Test
    void aConnectionStillBeingOpenedAtCloseIsClosedOnceOpen() throws Exception {
        try (PrivateBus bus = PrivateBus.start(Files.createDirectories(dir.resolve("bus")));
             GatedProxy proxy = new GatedProxy(dir.resolve("proxy"), bus.socketPath())) {
            BusConnections buses = buses(Optional.of("unix:path=" + proxy.socket), Duration.ofMillis(300));
            // the bus's answers are held back: the connection cannot finish opening in time
            assertEquals(BrokerException.Reason.TIMEOUT, reasonOfACallOn(buses, BusConnections.Bus.SESSION));
            long start = System.nanoTime();
            buses.close();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 200, "close() waited " + ms + " ms");
            proxy.open();
            assertTrue(proxy.clientClosed.await(5, TimeUnit.SECONDS), "the connection opened after close() stays open");
        }
    }

    /**
     * A unix socket in front of a bus that forwards the client's bytes at once and the bus's only
     * once {@link #open()} is called; counts down {@link #clientClosed} when the client hangs up.
     */
    static final class GatedProxy implements AutoCloseable {
        final Path socket;
        final CountDownLatch clientClosed = new CountDownLatch(1);
        private final CountDownLatch gate = new CountDownLatch(1);
        private final ServerSocketChannel server;
        private final Path target;

        GatedProxy(Path socket, Path target) throws IOException {
            this.socket = socket;
            this.target = target;
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            daemon(this::accept);
        }

        void open() {
            gate.countDown();
        }

        private void accept() {
            try {
                SocketChannel client = server.accept();
                SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(target));
                daemon(() -> {
                    pump(client, upstream);
                    clientClosed.countDown();
                });
                daemon(() -> {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    pump(upstream, client);
                });
            } catch (IOException e) {
                // closed
            }
        }

        private static void pump(SocketChannel from, SocketChannel to) {
            ByteBuffer buf = ByteBuffer.allocate(8192);
            try {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
            } catch (IOException e) {
                // the other side is gone
            }
        }

        private static void daemon(Runnable r) {
            Thread t = new Thread(r, "gated-proxy");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            gate.countDown();
            server.close();
            Files.deleteIfExists(socket);
        }
    }
}
