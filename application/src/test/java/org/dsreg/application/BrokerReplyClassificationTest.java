package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.BrokerError;
import org.dsreg.domain.BrokerInfo;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.DomainMembership;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.HostInfo;
import org.dsreg.domain.JoinState;
import org.dsreg.domain.PrtState;
import org.dsreg.domain.ServiceUnit;
import org.dsreg.domain.UserState;
import org.dsreg.domain.Remedy;
import org.dsreg.port.out.BrokerException;
import org.dsreg.port.out.BrokerInstallation;
import org.dsreg.port.out.DeviceBroker;
import org.dsreg.port.out.ServiceManager;
import org.junit.jupiter.api.Test;

/**
 * How each kind of broker reply is classified, and so which exit code status ends with: an installed
 * broker that does not answer is exit 2 (NOT_AVAILABLE), an error or malformed reply is exit 3
 * (QUERY_FAILED), no broker and no bus are exit 0.
 */
class BrokerReplyClassificationTest {
    static final BrokerError REFUSED = new BrokerError("1234", "invalid_grant", "token_expired", "tag9", "ctx");

    final ScriptedUserBroker user = new ScriptedUserBroker();
    DeviceBroker device = () -> {
        throw BrokerException.unreachable("device broker is not running", null);
    };
    boolean userInstalled;
    boolean deviceInstalled;
    ServiceManager services = BrokerStatusReaderTest.units("not-found", "inactive", "dead", Optional.empty());

    BrokerStatusReader.Report read() {
        BrokerInstallation installation = new BrokerInstallation() {
            @Override public boolean userBrokerInstalled() { return userInstalled; }
            @Override public boolean deviceBrokerInstalled() { return deviceInstalled; }
        };
        return new BrokerStatusReader(user, device, services, installation, Clock.systemUTC())
                .read(Duration.ofSeconds(5));
    }

    /** The exit code status would end with for this report. */
    static int exitCode(BrokerStatusReader.Report report) {
        DeviceStatus s = new DeviceStatus(Instant.EPOCH, new HostInfo("h", "os", "id", "1"),
                JoinState.of(List.of(), new DomainMembership.NotJoined()), List.of(), report.broker(),
                report.userState(), List.of());
        return s.failure().map(ErrorKind::exitCode).orElse(0);
    }

    @Test
    void anErrorReplyToTheDeviceBrokersVersionIsAQueryFailureWithTheBrokersError() {
        device = () -> {
            throw BrokerException.errorReply("getLinuxBrokerVersion", REFUSED);
        };
        var report = read();
        assertEquals(new BrokerConnection.Failed(REFUSED), report.broker().deviceBroker());
        assertEquals(3, exitCode(report));
    }

    @Test
    void aMalformedVersionReplyIsAQueryFailureNotAnOutage() {
        user.version = () -> {
            throw BrokerException.malformed("getLinuxBrokerVersion: not JSON", null);
        };
        var report = read();
        var failed = assertInstanceOf(BrokerConnection.Failed.class, report.broker().userBroker());
        assertEquals("malformed_reply", failed.error().status());
        assertEquals("getLinuxBrokerVersion: not JSON", failed.error().context());
        assertEquals(3, exitCode(report));
    }

    @Test
    void aMalformedAccountsReplyIsAFailedUserStateAndTheBrokerStaysReachable() {
        user.accounts = () -> {
            throw BrokerException.malformed("getAccounts: no accounts array", null);
        };
        var report = read();
        var failed = assertInstanceOf(UserState.Failed.class, report.userState());
        assertEquals("malformed_reply", failed.error().status());
        assertEquals("getAccounts: no accounts array", failed.error().context());
        assertEquals(new BrokerConnection.Reachable(Optional.of("2.0.1")), report.broker().userBroker());
        assertEquals(3, exitCode(report));
    }

    @Test
    void anErrorReplyToTheAccountsIsExitThreeNotTwo() {
        user.accounts = () -> {
            throw BrokerException.errorReply("getAccounts", REFUSED);
        };
        var report = read();
        assertEquals(new UserState.Failed(REFUSED), report.userState());
        assertEquals(new BrokerConnection.Reachable(Optional.of("2.0.1")), report.broker().userBroker(),
                "an error reply is an answer: the broker did not go away");
        assertEquals(3, exitCode(report));
    }

    @Test
    void aTimedOutPrtCallDoesNotMakeTheBrokerUnreachable() {
        user.accounts = () -> List.of(BrokerStatusReaderTest.ALICE);
        user.prt = () -> {
            throw BrokerException.timeout("no answer");
        };
        var report = read();
        assertEquals(new BrokerConnection.Reachable(Optional.of("2.0.1")), report.broker().userBroker());
        var known = assertInstanceOf(UserState.Known.class, report.userState());
        assertEquals(new PrtState.Unknown("no answer"), known.accounts().get(0).prt());
        assertEquals(0, exitCode(report));
    }

    @Test
    void anInstalledBrokerThatVanishesIsExitTwoWithTheReason() {
        user.version = () -> {
            throw BrokerException.unreachable("the identity broker is not running (ServiceUnknown)", null);
        };
        userInstalled = true;
        var report = read();
        assertEquals(new BrokerConnection.Unreachable("the identity broker is not running (ServiceUnknown)"),
                report.broker().userBroker());
        assertEquals(2, exitCode(report));
    }

    @Test
    void aBrokerWithoutFilesStillStartingAtTheDeadlineIsStartingNotUninstalledAndExitTwo() {
        user.version = () -> {
            user.starting = true; // it answered UnknownObject until the deadline
            throw BrokerException.timeout("no answer before the deadline");
        };
        var report = read();
        assertTrue(report.broker().userBroker() instanceof BrokerConnection.Starting, report.broker().toString());
        assertEquals(Remedy.either(Remedy.say("run dsreg again"), new Remedy.LongerTimeout()),
                ((BrokerConnection.Starting) report.broker().userBroker()).remedy());
        assertTrue(report.broker().userBrokerInstalled(), "a broker holding its name is installed");
        assertEquals(2, exitCode(report));
    }

    @Test
    void aBrokerThatAnsweredAfterUnknownObjectIsNotStarting() {
        user.version = () -> {
            throw BrokerException.unreachable("the identity broker went away", null);
        };
        var report = read();
        assertEquals(new BrokerConnection.NotInstalled(), report.broker().userBroker(),
                "not starting: the port says its last answer was not UnknownObject");
    }

    @Test
    void noBrokerInstalledIsExitZero() {
        user.version = () -> {
            throw BrokerException.unreachable("ServiceUnknown", null);
        };
        user.accounts = () -> {
            throw BrokerException.unreachable("ServiceUnknown", null);
        };
        var report = read();
        assertEquals(new BrokerConnection.NotInstalled(), report.broker().userBroker());
        assertEquals(new BrokerConnection.NotInstalled(), report.broker().deviceBroker());
        assertEquals(new UserState.Unavailable("ServiceUnknown"), report.userState());
        assertEquals(0, exitCode(report));
    }

    @Test
    void noBusIsUnknownForAnInstalledBrokerAndExitZero() {
        device = () -> {
            throw BrokerException.noBus("no system bus");
        };
        deviceInstalled = true;
        var report = read();
        assertEquals(new BrokerConnection.Unknown("no system bus"), report.broker().deviceBroker());
        assertEquals(0, exitCode(report));
    }

    @Test
    void aUnitSystemdCouldNotBeAskedAboutSaysWhy() {
        services = new ServiceManager() {
            @Override public ServiceUnit unit(String name, ServiceUnit.Scope scope) {
                throw new IllegalStateException("systemd is not running");
            }
            @Override public void stop(String name) {
                throw new UnsupportedOperationException();
            }
        };
        BrokerInfo info = read().broker();
        assertEquals(Optional.of("systemd is not running"), info.deviceService().unknownReason());
        assertEquals(BrokerStatusReader.DEVICE_UNIT, info.deviceService().name());
        assertEquals(ServiceUnit.Scope.SYSTEM, info.deviceService().scope());
        assertEquals(Optional.of("systemd is not running"), info.userService().unknownReason());
        assertEquals(BrokerStatusReader.USER_UNIT, info.userService().name());
        assertEquals(ServiceUnit.Scope.USER, info.userService().scope());
        assertEquals(Optional.empty(), info.deviceService().loaded());
    }

    @Test
    void brokerCallsRunOnDaemonThreadsSoAHungCallCannotKeepDsregAlive() {
        List<Boolean> daemon = new CopyOnWriteArrayList<>();
        user.version = () -> {
            daemon.add(Thread.currentThread().isDaemon());
            return "2.0.1";
        };
        read();
        assertEquals(List.of(true), daemon);
    }

    @Test
    void anInstalledBrokerTheDeviceUnitLoadsIsUnreachableWhenSilent() {
        services = BrokerStatusReaderTest.units("loaded", "active", "running", Optional.of("/usr/bin/broker"));
        var report = read();
        assertTrue(report.broker().deviceBrokerInstalled() || report.broker().deviceService().loaded().orElse(false));
        assertInstanceOf(BrokerConnection.Unreachable.class, report.broker().deviceBroker());
        assertEquals(2, exitCode(report));
    }
}
