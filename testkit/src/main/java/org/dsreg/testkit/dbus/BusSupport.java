package org.dsreg.testkit.dbus;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;

/** Connection helpers shared by the fakes. */
final class BusSupport {

    /** Method-call worker threads per fake connection: a hung call must not starve the others. */
    static final int SERVICE_THREADS = 16;

    private BusSupport() {
    }

    /**
     * A new connection that is never shared: dbus-java's builder shares one connection per address in a JVM by
     * default, which would make a fake and a client in the same test the same connection.
     */
    static DBusConnection connect(String address) throws DBusException {
        return DBusConnectionBuilder.forAddress(address).withShared(false).build();
    }

    /** Like {@link #connect(String)}, with enough method-call threads for a service. */
    static DBusConnection connectService(String address) throws DBusException {
        return DBusConnectionBuilder.forAddress(address)
                .withShared(false)
                .receivingThreadConfig().withMethodCallThreadCount(SERVICE_THREADS).connectionConfig()
                .build();
    }

    /**
     * Removes dbus-java's connection-wide handler for {@code org.freedesktop.DBus.Introspectable} and
     * {@code org.freedesktop.DBus.Peer}, which otherwise answers {@code Introspect} (and {@code Ping}) on every
     * path. After this, those calls reach the exported object itself, which must then implement {@code Peer}
     * and {@code Introspectable} (see {@link PeerOnly}).
     */
    static void removeGlobalIntrospection(DBusConnection connection) {
        try {
            // the handler is registered under the null path; dbus-java 5.1 removes it from its map, then throws an
            // NPE while removing null from its object tree
            connection.unExportObject(null);
        } catch (NullPointerException expected) {
            // the map entry is gone, which is all that matters
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
