package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.Account;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.BrokerError;
import org.dsreg.domain.PrtState;
import org.dsreg.domain.ServiceUnit;
import org.dsreg.domain.UserState;
import org.dsreg.port.out.BrokerException;
import org.dsreg.port.out.BrokerInstallation;
import org.dsreg.port.out.DeviceBroker;
import org.dsreg.port.out.ServiceManager;
import org.junit.jupiter.api.Test;

class BrokerStatusReaderTest {
    static final Account ALICE = new Account("alice@contoso.com", Optional.empty(), "oid.tid", Optional.empty(),
            Optional.empty());
    static final Account BOB = new Account("bob@fabrikam.com", Optional.empty(), "oid2.tid2", Optional.empty(),
            Optional.empty());
    static final BrokerError EXPIRED = new BrokerError("1234", "invalid_grant", "token_expired", "tag9", "ctx");

    final ScriptedUserBroker user = new ScriptedUserBroker();
    DeviceBroker device = () -> {
        throw BrokerException.unreachable("device broker is not running", null);
    };
    boolean userInstalled;
    boolean deviceInstalled;
    /** A service manager that reports every unit in one state. */
    static ServiceManager units(String loadState, String activeState, String subState, Optional<String> binary) {
        return new ServiceManager() {
            @Override
            public ServiceUnit unit(String name, ServiceUnit.Scope scope) {
                return new ServiceUnit(name, scope, Optional.of(loadState), Optional.of(activeState),
                        Optional.of(subState), binary, Optional.empty(), Optional.empty());
            }

            @Override
            public void stop(String name) {
                throw new UnsupportedOperationException("status never stops a unit");
            }
        };
    }

    ServiceManager services = units("not-found", "inactive", "dead", Optional.empty());

    BrokerStatusReader.Report read(Duration timeout) {
        BrokerInstallation installation = new BrokerInstallation() {
            @Override
            public boolean userBrokerInstalled() {
                return userInstalled;
            }

            @Override
            public boolean deviceBrokerInstalled() {
                return deviceInstalled;
            }
        };
        return new BrokerStatusReader(user, device, services, installation, Clock.systemUTC()).read(timeout);
    }

    @Test
    void aReachableBrokerReportsVersionAccountsAndPrt() {
        user.accounts = () -> List.of(ALICE);
        user.prt = () -> new PrtState.Present(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        var report = read(Duration.ofSeconds(5));
        assertEquals(new BrokerConnection.Reachable(Optional.of("2.0.1")), report.broker().userBroker());
        var known = assertInstanceOf(UserState.Known.class, report.userState());
        assertInstanceOf(PrtState.Present.class, known.accounts().get(0).prt());
        assertEquals(new BrokerConnection.NotInstalled(), report.broker().deviceBroker(), "not installed, not reachable");
    }

    @Test
    void anInstalledBrokerThatDoesNotAnswerIsUnreachable() {
        user.version = () -> {
            throw BrokerException.unreachable("not running", null);
        };
        user.accounts = () -> {
            throw BrokerException.unreachable("not running", null);
        };
        userInstalled = true;
        var report = read(Duration.ofSeconds(5));
        assertInstanceOf(BrokerConnection.Unreachable.class, report.broker().userBroker());
        assertInstanceOf(UserState.Unavailable.class, report.userState());
    }

    @Test
    void aUnitSystemdKnowsCountsAsInstalled() {
        user.version = () -> {
            throw BrokerException.unreachable("not running", null);
        };
        services = units("loaded", "failed", "failed", Optional.of("/usr/bin/x"));
        var report = read(Duration.ofSeconds(5));
        assertInstanceOf(BrokerConnection.Unreachable.class, report.broker().userBroker());
        assertInstanceOf(BrokerConnection.Unreachable.class, report.broker().deviceBroker());
    }

    @Test
    void aRunningBrokerThatDoesNotAnswerTheVersionCallIsReachableWithoutAVersion() {
        user.version = () -> {
            throw BrokerException.notSupported("the identity broker does not answer this call (UnknownMethod)", null);
        };
        device = () -> {
            throw BrokerException.notSupported("the device broker does not answer this call (AccessDenied)", null);
        };
        userInstalled = true;
        deviceInstalled = true;
        var report = read(Duration.ofSeconds(5));
        assertEquals(new BrokerConnection.Reachable(Optional.empty()), report.broker().userBroker());
        assertEquals(new BrokerConnection.Reachable(Optional.empty()), report.broker().deviceBroker());
        assertInstanceOf(UserState.Known.class, report.userState());
    }

    @Test
    void noBusToAskAnInstalledBrokerOnIsUnknownNotUnreachable() {
        user.version = () -> {
            throw BrokerException.noBus("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
        };
        user.accounts = () -> {
            throw BrokerException.noBus("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
        };
        userInstalled = true;
        var report = read(Duration.ofSeconds(5));
        var unknown = assertInstanceOf(BrokerConnection.Unknown.class, report.broker().userBroker());
        assertTrue(unknown.reason().contains("no session bus"), unknown.reason());
        assertInstanceOf(UserState.Unavailable.class, report.userState());
    }

    @Test
    void errorRepliesKeepTheBrokersError() {
        user.accounts = () -> {
            throw BrokerException.errorReply("getAccounts", EXPIRED);
        };
        var report = read(Duration.ofSeconds(5));
        assertEquals(new UserState.Failed(EXPIRED), report.userState());
    }

    @Test
    void hangingCallsAreUnknownAndTheWholeReadKeepsOneDeadline() {
        // three calls hang (two accounts' PRT calls and the device broker): waiting for each in turn
        // would take at least twice the deadline
        user.accounts = () -> List.of(ALICE, BOB);
        user.prt = ScriptedUserBroker.hang();
        device = ScriptedUserBroker.<String>hang()::get;
        deviceInstalled = true;
        long deadline = 1000;
        long start = System.nanoTime();
        var report = read(Duration.ofMillis(deadline));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < deadline + 600, "returned after " + elapsedMs + " ms");
        var known = assertInstanceOf(UserState.Known.class, report.userState());
        assertEquals(2, known.accounts().size());
        assertInstanceOf(PrtState.Unknown.class, known.accounts().get(0).prt());
        assertInstanceOf(PrtState.Unknown.class, known.accounts().get(1).prt());
        assertInstanceOf(BrokerConnection.Unreachable.class, report.broker().deviceBroker());
    }

    @Test
    void aBrokerThatVanishesAfterItsVersionIsUnreachable() {
        user.accounts = () -> {
            throw BrokerException.unreachable("the identity broker is not running (ServiceUnknown)", null);
        };
        var report = read(Duration.ofSeconds(5));
        var unreachable = assertInstanceOf(BrokerConnection.Unreachable.class, report.broker().userBroker());
        assertTrue(unreachable.reason().contains("stopped answering"), unreachable.reason());
    }

    @Test
    void aBrokerLostDuringThePrtCallsIsUnreachable() {
        user.accounts = () -> List.of(ALICE);
        user.prt = () -> {
            throw BrokerException.unreachable("the identity broker is not running (ServiceUnknown)", null);
        };
        var report = read(Duration.ofSeconds(5));
        assertInstanceOf(BrokerConnection.Unreachable.class, report.broker().userBroker());
        var known = assertInstanceOf(UserState.Known.class, report.userState());
        assertInstanceOf(PrtState.Unknown.class, known.accounts().get(0).prt());
    }
}
