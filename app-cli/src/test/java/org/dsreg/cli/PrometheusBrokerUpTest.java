package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.BrokerInfo;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.ServiceUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code dsreg_broker_up} is 1 for a broker that answered, 0 for one installed that did not, and absent when the
 * broker is not installed or could not be asked (no bus): an alert on {@code dsreg_broker_up == 0}
 * (dsreg-alerts.rules.yml) must not fire on every host without a broker, nor for the user broker under a system
 * timer, which has no session bus.
 */
class PrometheusBrokerUpTest {
    private static List<String> brokerUp(BrokerConnection user, BrokerConnection device) {
        DeviceStatus base = DsregPrtStatusTest.status();
        BrokerInfo b = base.broker();
        DeviceStatus status = new DeviceStatus(base.generatedAt(), base.host(), base.joinState(), base.registrations(),
                new BrokerInfo(false, false, user, device, b.deviceService(), b.userService(), Optional.empty()),
                base.userState(), base.problems());
        return DsregPrtStatusTest.render(new PrometheusRenderer(), status).lines()
                .filter(l -> l.startsWith("dsreg_broker_up")).toList();
    }

    @Test
    void answeredIsOneAndDownIsZero() {
        assertEquals(List.of("dsreg_broker_up{broker=\"user\"} 1", "dsreg_broker_up{broker=\"device\"} 0"),
                brokerUp(new BrokerConnection.Reachable(Optional.of("2.0.1")),
                        new BrokerConnection.Unreachable("no answer")));
        assertEquals(List.of("dsreg_broker_up{broker=\"user\"} 0"),
                brokerUp(new BrokerConnection.Starting("starting", Remedy.say("run again")),
                        new BrokerConnection.NotInstalled()));
    }

    @Test
    void notInstalledOrNotAskedIsLeftOut() {
        assertEquals(List.of(), brokerUp(new BrokerConnection.NotInstalled(), new BrokerConnection.NotInstalled()));
        assertEquals(List.of("dsreg_broker_up{broker=\"device\"} 1"),
                brokerUp(new BrokerConnection.Unknown("no session bus"),
                        new BrokerConnection.Reachable(Optional.empty())));
    }
}
