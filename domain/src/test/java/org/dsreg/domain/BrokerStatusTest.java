package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the broker's state means for the status as a whole. */
class BrokerStatusTest {
    static final ServiceUnit UNIT = new ServiceUnit("x.service", ServiceUnit.Scope.SYSTEM, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    static final BrokerError ERROR = new BrokerError("1", "internal_error", "", "", "");
    static final BrokerConnection.Starting STARTING =
            new BrokerConnection.Starting("UnknownObject", new Remedy.LongerTimeout());

    static BrokerInfo broker(boolean userInstalled, boolean deviceInstalled, BrokerConnection user,
                             BrokerConnection device) {
        return new BrokerInfo(userInstalled, deviceInstalled, user, device, UNIT, UNIT, Optional.empty());
    }

    static DeviceStatus status(BrokerInfo broker) {
        return new DeviceStatus(Instant.EPOCH, new HostInfo("h", "Linux", "linux", ""),
                JoinState.of(List.of(), new DomainMembership.NotJoined()), List.of(), broker,
                new UserState.Unavailable("no session bus"), List.of());
    }

    @Test
    void noBusToAskTheBrokerOnIsNotAFailure() {
        var unknown = new BrokerConnection.Unknown("no session bus");
        assertEquals(Optional.empty(), status(broker(true, true, unknown, unknown)).failure());
        assertEquals(Optional.empty(), status(broker(true, true, unknown,
                new BrokerConnection.Reachable(Optional.of("2.0.1")))).failure());
    }

    @Test
    void aBrokerThatAnswersIsInstalledWhateverItsFiles() {
        var none = new BrokerConnection.NotInstalled();
        assertEquals(false, broker(false, false, none, none).installed());
        assertEquals(true, broker(false, false, new BrokerConnection.Reachable(Optional.empty()), none).installed());
        assertEquals(true, broker(false, false, none, new BrokerConnection.Failed(ERROR)).installed());
        assertEquals(false, broker(false, false, new BrokerConnection.Unknown("no session bus"), none).installed());
        assertEquals(true, broker(true, false, none, none).installed());
    }

    @Test
    void anUnreachableBrokerIsNotAvailableAndAnErrorReplyAQueryFailure() {
        var unknown = new BrokerConnection.Unknown("no session bus");
        assertEquals(Optional.of(ErrorKind.NOT_AVAILABLE),
                status(broker(true, true, unknown, new BrokerConnection.Unreachable("down"))).failure());
        assertEquals(Optional.of(ErrorKind.QUERY_FAILED),
                status(broker(true, true, unknown, new BrokerConnection.Failed(ERROR))).failure());
    }

    @Test
    void eachBrokersInstalledFlagAgreesWithItsConnection() {
        var none = new BrokerConnection.NotInstalled();
        var reachable = new BrokerConnection.Reachable(Optional.of("2.0.1"));
        var starting = STARTING;
        BrokerInfo user = broker(false, false, reachable, none);
        assertEquals(true, user.userBrokerInstalled(), "reachable, so installed, whatever its files");
        assertEquals(false, user.deviceBrokerInstalled());
        BrokerInfo device = broker(false, false, none, new BrokerConnection.Failed(ERROR));
        assertEquals(false, device.userBrokerInstalled());
        assertEquals(true, device.deviceBrokerInstalled());
        assertEquals(true, broker(false, false, starting, none).userBrokerInstalled());
        assertEquals(true, broker(false, false, starting, none).installed());
        assertEquals(false, broker(false, false, new BrokerConnection.Unreachable("down"), none).userBrokerInstalled(),
                "not answering, and no files: nothing says it is installed");
    }

    @Test
    void aBrokerStillStartingAtTheDeadlineIsNotAvailable() {
        var none = new BrokerConnection.NotInstalled();
        assertEquals(Optional.of(ErrorKind.NOT_AVAILABLE),
                status(broker(false, false, STARTING, none)).failure());
        assertEquals(Optional.of(ErrorKind.NOT_AVAILABLE),
                status(broker(false, false, none, STARTING)).failure());
    }
}
