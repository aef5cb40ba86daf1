package org.dsreg.adapter.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.Message;
import org.dsreg.port.out.BrokerException;

/**
 * The session and system bus connections, each opened on first use (a command that needs no bus
 * opens none) and kept; an attempt that failed is not kept, and the next call tries again. Calls
 * made through {@link #call} are bounded by the call timeout.
 *
 * <p>Workers are never interrupted (a {@link CompletableFuture} cannot interrupt the thread that
 * runs it): the caller stops waiting at the deadline, and every {@link BusCall} is handed the same
 * {@link Deadline} and must end by itself once it has passed.
 */
@Singleton
final class BusConnections implements AutoCloseable {
    enum Bus { SESSION, SYSTEM }

    /** A call on a bus connection; it must return or throw once {@code deadline} has passed. */
    interface BusCall<T> {
        T call(DBusConnection connection, Deadline deadline) throws Exception;
    }

    /** A point in time on the monotonic clock, and the budget it was set from (for messages). */
    static final class Deadline {
        private final long nanos;
        private final Duration budget;

        private Deadline(long nanos, Duration budget) {
            this.nanos = nanos;
            this.budget = budget;
        }

        /** The deadline {@code budget} from now. */
        static Deadline after(Duration budget) {
            return new Deadline(System.nanoTime() + budget.toNanos(), budget);
        }

        boolean passed() {
            return System.nanoTime() - nanos >= 0;
        }

        /** Milliseconds left, rounded up; 0 once passed. */
        long remainingMillis() {
            long left = nanos - System.nanoTime();
            return left <= 0 ? 0 : (left + 999_999) / 1_000_000;
        }

        /** A TIMEOUT for {@code what}, naming the budget. */
        BrokerException timeout(String what) {
            return BrokerException.timeout(what + ": no answer within " + seconds(budget));
        }
    }

    private static final BusCalls.Method HELLO = new BusCalls.Method("org.freedesktop.DBus", "/org/freedesktop/DBus",
            "org.freedesktop.DBus", "Hello", null);

    private final DBusSettings settings;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dsreg-dbus");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<DBusConnection> session;
    private CompletableFuture<DBusConnection> system;
    private boolean closed;

    @Inject
    BusConnections(DBusSettings settings) {
        this.settings = settings;
    }

    /**
     * Runs {@code call} on the bus's connection, waiting at most the call timeout (connecting
     * included). A timeout is a {@link BrokerException} of reason TIMEOUT. The call gets the same
     * deadline: one that has not started by then never starts, one that is running ends by itself.
     */
    <T> T call(Bus bus, String what, BusCall<T> call) throws Exception {
        Deadline deadline = Deadline.after(settings.callTimeout());
        CompletableFuture<DBusConnection> connection = connection(bus);
        CompletableFuture<T> result = connection.thenApplyAsync(c -> {
            if (deadline.passed()) {
                throw deadline.timeout(what); // connected too late: the caller has stopped waiting
            }
            try {
                return call.call(c, deadline);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new WrappedException(e);
            }
        }, workers);
        try {
            return result.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(false); // not started yet: never starts (cancelling interrupts nothing)
            throw deadline.timeout(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(false);
            throw BrokerException.timeout(what + ": interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WrappedException w) {
                throw (Exception) w.getCause();
            }
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** The bus's connection, opened or being opened; a failed attempt is not kept, so a later call tries again. */
    private synchronized CompletableFuture<DBusConnection> connection(Bus bus) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the D-Bus connections are closed"));
        }
        if (bus == Bus.SESSION) {
            if (session == null || session.isCompletedExceptionally()) {
                session = connect("session", settings.sessionBusAddress().orElse(null));
            }
            return session;
        }
        if (system == null || system.isCompletedExceptionally()) {
            system = connect("system", settings.systemBusAddress());
        }
        return system;
    }

    private CompletableFuture<DBusConnection> connect(String name, String address) {
        return CompletableFuture.supplyAsync(() -> {
            if (address == null) {
                throw BrokerException.noBus("no " + name + " bus (DBUS_SESSION_BUS_ADDRESS is not set"
                        + " and $XDG_RUNTIME_DIR/bus does not exist)");
            }
            Optional<Path> socket = socketPath(address);
            if (socket.isPresent() && !Files.exists(socket.get())) {
                // dbus-java would retry a missing socket for seconds; there is nothing to wait for
                throw BrokerException.noBus("no " + name + " bus: " + socket.get() + " does not exist");
            }
            try {
                return hello(DBusConnectionBuilder.forAddress(address).withShared(false)
                        .transportConfig().withRegisterSelf(false).back().build());
            } catch (Exception e) {
                throw BrokerException.unreachable("cannot connect to the " + name + " bus at " + address + ": "
                        + e.getMessage(), e);
            }
        }, workers);
    }

    /**
     * Says Hello, the bus's first message, with the message API: dbus-java's own Hello makes a proxy
     * of the bus's interface, whose set-up costs more than the call.
     */
    private DBusConnection hello(DBusConnection c) throws DBusException {
        try {
            BusCalls.invoke(c, Deadline.after(settings.callTimeout()), "the bus", HELLO);
            return c;
        } catch (DBusException | RuntimeException e) {
            closeInBackground(c);
            throw e;
        }
    }

    /**
     * Closes the connections without waiting: disconnecting can wait for calls that never answer,
     * so each connection is closed on a daemon thread of its own, and one still being opened is
     * closed as soon as it is open. Calls made after this fail.
     */
    @Override
    public void close() {
        List<CompletableFuture<DBusConnection>> opened = new ArrayList<>();
        synchronized (this) {
            closed = true;
            if (session != null) {
                opened.add(session);
            }
            if (system != null) {
                opened.add(system);
            }
            session = null;
            system = null;
        }
        for (CompletableFuture<DBusConnection> c : opened) {
            c.thenAccept(BusConnections::closeInBackground); // now, or when it is open
        }
        workers.shutdown();
    }

    private static void closeInBackground(DBusConnection connection) {
        Thread t = new Thread(() -> {
            try {
                connection.close();
            } catch (IOException | RuntimeException e) {
                // closing is best effort
            }
        }, "dsreg-dbus-close");
        t.setDaemon(true);
        t.start();
    }

    /** The socket file of a {@code unix:path=} address (the first, when several are listed). */
    static Optional<Path> socketPath(String address) {
        String first = address.split(";", 2)[0];
        if (!first.startsWith("unix:")) {
            return Optional.empty();
        }
        for (String kv : first.substring("unix:".length()).split(",")) {
            if (kv.startsWith("path=")) {
                return Optional.of(Path.of(kv.substring("path=".length())));
            }
        }
        return Optional.empty();
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Carries a checked exception through a CompletableFuture. */
    private static final class WrappedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrappedException(Exception cause) {
            super(cause);
        }
    }
}
