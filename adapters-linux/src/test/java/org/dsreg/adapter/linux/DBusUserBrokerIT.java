package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dsreg.domain.Account;
import org.dsreg.port.out.BrokerException;
import org.dsreg.testkit.dbus.BrokerProfile;
import org.dsreg.testkit.dbus.FakeBroker;
import org.dsreg.testkit.dbus.PrivateBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user broker adapter against a fake broker on a private bus. */
class DBusUserBrokerIT {
    static final Duration DEADLINE = Duration.ofMillis(600);
    static final String ADAPTER = DBusUserBroker.class.getName();

    @TempDir
    Path dir;
    PrivateBus bus;
    FakeBroker broker;
    BusConnections buses;

    @BeforeEach
    void startBus() throws Exception {
        bus = PrivateBus.start(Files.createDirectories(dir.resolve("session")));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {buses, broker, bus}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private DBusUserBroker userBroker(Duration timeout) {
        buses = new BusConnections(new DBusSettings(Optional.of(bus.address()),
                "unix:path=" + dir.resolve("no-system-bus"), timeout));
        return new DBusUserBroker(buses);
    }

    /** Threads still running code of DBusUserBroker (a call the adapter has given up on). */
    private static List<String> threadsInTheAdapter() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals(ADAPTER)
                        || f.getClassName().startsWith(ADAPTER + "$")))
                .map(Map.Entry::getKey).map(Thread::getName).toList();
    }

    private static void awaitNoThreadInTheAdapter() throws InterruptedException {
        // a worker notices the deadline within one retry pause; give it a few
        long until = System.nanoTime() + DBusUserBroker.RETRY_PAUSE.multipliedBy(5).toNanos();
        while (!threadsInTheAdapter().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), threadsInTheAdapter(), "a worker still runs the call after its deadline");
    }

    @Test
    void aBrokerThatNeverExportsItsObjectIsATimeoutAndTheRetriesStopAtTheDeadline() throws Exception {
        broker = FakeBroker.builder(BrokerProfile.V2_0_1).exportDelay(Duration.ofHours(1)).start(bus.address());
        DBusUserBroker user = userBroker(DEADLINE);
        long start = System.nanoTime();
        BrokerException e = assertThrows(BrokerException.class, user::version);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(BrokerException.Reason.TIMEOUT, e.reason(), e.getMessage());
        assertTrue(ms < DEADLINE.toMillis() + 1000, "took " + ms + " ms");
        awaitNoThreadInTheAdapter();
    }

    @Test
    void aHangingCallIsATimeoutAndItsWorkerDoesNotWaitPastTheDeadline() throws Exception {
        broker = FakeBroker.start(bus.address(), BrokerProfile.HANG);
        DBusUserBroker user = userBroker(DEADLINE);
        Account account = user.accounts().get(0);
        BrokerException e = assertThrows(BrokerException.class, () -> user.prt(account));
        assertEquals(BrokerException.Reason.TIMEOUT, e.reason(), e.getMessage());
        awaitNoThreadInTheAdapter();
    }

    @Test
    void aBrokerThatDisconnectsWithoutAnsweringIsUnreachableNotATimeout() throws Exception {
        broker = FakeBroker.start(bus.address(), BrokerProfile.HANG);
        DBusUserBroker user = userBroker(Duration.ofSeconds(20));
        Account account = user.accounts().get(0);
        CompletableFuture<BrokerException> prt = CompletableFuture.supplyAsync(
                () -> assertThrows(BrokerException.class, () -> user.prt(account)));
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (broker.calls("acquirePrtSsoCookie").isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        broker.close(); // the hung call gets NoReply
        BrokerException e = prt.get(10, TimeUnit.SECONDS);
        assertEquals(BrokerException.Reason.UNREACHABLE, e.reason(), e.getMessage());
    }

    @Test
    void theBussOwnReplyTimeoutIsUnreachable() throws Exception {
        bus.close();
        bus = PrivateBus.start(Files.createDirectories(dir.resolve("slow")), Duration.ofMillis(300));
        broker = FakeBroker.start(bus.address(), BrokerProfile.HANG);
        DBusUserBroker user = userBroker(Duration.ofSeconds(20));
        Account account = user.accounts().get(0);
        BrokerException e = assertThrows(BrokerException.class, () -> user.prt(account));
        assertEquals(BrokerException.Reason.UNREACHABLE, e.reason(), e.getMessage());
    }

    @Test
    void aStartingBrokerIsWaitedFor() throws Exception {
        broker = FakeBroker.builder(BrokerProfile.V2_0_1).exportDelay(Duration.ofMillis(300)).start(bus.address());
        assertEquals("2.0.1", userBroker(Duration.ofSeconds(5)).version());
    }
}
