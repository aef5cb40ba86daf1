package org.dsreg.testkit.dbus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;

/**
 * A fake Microsoft identity broker (user broker) on a D-Bus bus: owns {@value #BUS_NAME}, exports
 * {@value #OBJECT_PATH} with interface {@value Broker1#INTERFACE}, and answers the calls with the JSON shapes of
 * a {@link BrokerProfile}.
 *
 * <p>As the broker of its profile's version: a 2.0.1 profile answers {@code org.freedesktop.DBus.Introspectable}, as
 * the 2.0.1 broker did; like brokers newer than 2.0.1 the others do not (a call gets
 * {@code org.freedesktop.DBus.Error.UnknownMethod}); {@link FakeBrokerBuilder#introspectable(boolean)} overrides it;
 * {@code org.freedesktop.DBus.Peer.Ping} on the object path always answers. Calls on the object path while the
 * object is not exported (see {@link FakeBrokerBuilder#exportDelay(Duration)}) get
 * {@code org.freedesktop.DBus.Error.UnknownObject}, the name a C service sends.
 *
 * <p>Every call is recorded in {@link #calls()} before it is answered.
 */
public final class FakeBroker implements AutoCloseable {

    /** The broker's well-known bus name. */
    public static final String BUS_NAME = "com.microsoft.identity.broker1";
    /** The broker's object path. */
    public static final String OBJECT_PATH = "/com/microsoft/identity/broker1";

    private static final Duration VANISH_GRACE = Duration.ofMillis(100);

    private final BrokerProfile profile;
    private final DBusConnection connection;
    private final BrokerReplies replies;
    private final CopyOnWriteArrayList<FakeAccount> accounts;
    private final CopyOnWriteArrayList<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final int vanishAfterCalls;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicBoolean vanished = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closeLatch = new CountDownLatch(1);
    private final CountDownLatch exportedLatch = new CountDownLatch(1);
    private final ScheduledExecutorService scheduler;
    private final BrokerObject object;

    FakeBroker(FakeBrokerBuilder b, DBusConnection connection) {
        this.profile = b.profile;
        this.connection = connection;
        this.replies = new BrokerReplies(b.profile, b.clock, b.accessTokens);
        List<FakeAccount> initial = b.accounts != null ? b.accounts
                : FakeAccount.defaults().subList(0, b.profile.defaultAccountCount());
        this.accounts = new CopyOnWriteArrayList<>(initial);
        this.vanishAfterCalls = b.vanishAfterCalls;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(BusSupport.daemonThreads("fake-broker"));
        this.object = BrokerObject.answering(OBJECT_PATH, connection.getMachineId(), this::handle);
    }

    /**
     * Starts a broker with the profile's defaults (accounts, no export delay, never vanishes).
     *
     * @param busAddress the bus to serve on, e.g. {@link PrivateBus#address()}
     * @param profile    the reply shapes
     * @return the running broker; its object is exported when this returns
     * @throws DBusException when the connection fails or the bus name cannot be owned
     */
    public static FakeBroker start(String busAddress, BrokerProfile profile) throws DBusException {
        return builder(profile).start(busAddress);
    }

    /**
     * A builder for a broker with options.
     *
     * @param profile the reply shapes
     * @return a new builder
     */
    public static FakeBrokerBuilder builder(BrokerProfile profile) {
        return new FakeBrokerBuilder(profile);
    }

    void begin(boolean introspectable, Duration exportDelay) throws DBusException {
        if (!introspectable) {
            BusSupport.removeGlobalIntrospection(connection);
        }
        // Until the object is exported, every call on its path (and below) gets the standard UnknownObject.
        // (dbus-java's own answer would be named org.freedesktop.dbus.errors.UnknownObject.)
        connection.addFallback(OBJECT_PATH, BrokerObject.notExported(OBJECT_PATH, connection.getMachineId()));
        connection.requestBusName(BUS_NAME);
        if (exportDelay.isZero()) {
            export();
        } else {
            scheduler.schedule(() -> {
                try {
                    export();
                } catch (DBusException | RuntimeException e) {
                    // closed meanwhile: nothing to export to
                }
            }, exportDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void export() throws DBusException {
        if (closed.get() || vanished.get()) {
            return;
        }
        connection.exportObject(OBJECT_PATH, object);
        exportedLatch.countDown();
    }

    /**
     * The profile this broker answers with.
     *
     * @return the profile
     */
    public BrokerProfile profile() {
        return profile;
    }

    /**
     * The accounts the broker knows now ({@code removeAccount} removes from it).
     *
     * @return an immutable snapshot
     */
    public List<FakeAccount> accounts() {
        return List.copyOf(accounts);
    }

    /**
     * Every broker call received so far, in arrival order (including calls not answered yet, such as a hung
     * {@code acquirePrtSsoCookie}). {@code Peer} and {@code Introspectable} calls are not recorded.
     *
     * @return an immutable snapshot
     */
    public List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    /**
     * The recorded calls of one method.
     *
     * @param method the D-Bus member name
     * @return an immutable snapshot
     */
    public List<RecordedCall> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /**
     * Whether the object is exported.
     *
     * @return true once the export delay has passed (and until close)
     */
    public boolean isExported() {
        return exportedLatch.getCount() == 0 && !closed.get() && !vanished.get();
    }

    /**
     * Waits until the object is exported.
     *
     * @param timeout how long to wait
     * @return true when exported within the timeout
     * @throws InterruptedException when interrupted
     */
    public boolean awaitExported(Duration timeout) throws InterruptedException {
        return exportedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Whether the broker has vanished after {@link FakeBrokerBuilder#vanishAfterCalls(int)} calls.
     *
     * @return true once it dropped its name
     */
    public boolean hasVanished() {
        return vanished.get();
    }

    /**
     * The broker connection's unique bus name (e.g. {@code :1.7}).
     *
     * @return the unique name
     */
    public String uniqueName() {
        return connection.getUniqueName();
    }

    /**
     * Releases any hung call (it gets {@code org.freedesktop.DBus.Error.NoReply}), drops the bus name and
     * disconnects. Idempotent; returns promptly even with calls hanging.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeLatch.countDown();
        scheduler.shutdownNow();
        if (connection.isConnected()) {
            connection.disconnect();
        }
    }

    @Override
    public String toString() {
        return "FakeBroker[" + profile + ", " + (closed.get() ? "closed" : vanished.get() ? "vanished"
                : isExported() ? "exported" : "not exported") + "]";
    }

    private String handle(String method, String protocolVersion, String correlationId, String requestJson) {
        calls.add(new RecordedCall(method, protocolVersion, correlationId, requestJson));
        if (closed.get() || vanished.get()) {
            throw new org.freedesktop.DBus.Error.NoReply("the fake broker went away before answering " + method);
        }
        JsonNode request = replies.parse(requestJson);
        String reply;
        if (!request.isObject()) {
            reply = replies.invalidRequest(method);
        } else {
            reply = switch (method) {
                case "getLinuxBrokerVersion" -> replies.version();
                case "getAccounts" -> {
                    if (profile == BrokerProfile.ACCOUNTS_HANG) {
                        hangUntilClosed(method);
                    }
                    yield replies.accounts(accounts());
                }
                case "acquireTokenSilently", "acquireTokenInteractively" ->
                        replies.token(request, AccountSelection.select(request, accounts(), true));
                case "acquirePrtSsoCookie" -> {
                    if (profile == BrokerProfile.HANG) {
                        hangUntilClosed(method);
                    }
                    yield replies.cookie(AccountSelection.select(request, accounts(), true));
                }
                case "removeAccount" -> {
                    AccountSelection.select(request, accounts(), false).ifPresent(accounts::remove);
                    yield replies.empty();
                }
                case "generateSignedHttpRequest" ->
                        replies.signedHttpRequest(AccountSelection.select(request, accounts(), true));
                case "cancelInteractiveFlow" -> replies.empty();
                default -> throw new org.freedesktop.DBus.Error.UnknownMethod("unknown method " + method);
            };
        }
        afterAnswer();
        return reply;
    }

    private void hangUntilClosed(String method) {
        try {
            closeLatch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new org.freedesktop.DBus.Error.NoReply("the fake broker was closed while " + method + " hung");
    }

    /** Counts an answered call; the n-th drops the name (before its reply goes out) and schedules the disconnect. */
    private void afterAnswer() {
        int n = answered.incrementAndGet();
        if (vanishAfterCalls > 0 && n == vanishAfterCalls && vanished.compareAndSet(false, true)) {
            try {
                connection.releaseBusName(BUS_NAME);
            } catch (DBusException | RuntimeException e) {
                // disconnecting drops the name anyway
            }
            Thread t = new Thread(this::disconnectAfterReply, "fake-broker-vanish");
            t.setDaemon(true);
            t.start();
        }
    }

    private void disconnectAfterReply() {
        try {
            Thread.sleep(VANISH_GRACE.toMillis());
            // a round trip through the single sender thread: the reply queued before it has been written
            connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class).GetId();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (DBusException | RuntimeException e) {
            // already disconnected
        }
        if (connection.isConnected()) {
            connection.disconnect();
        }
    }
}
