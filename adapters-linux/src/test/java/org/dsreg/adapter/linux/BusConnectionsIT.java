package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dsreg.port.out.BrokerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, retrying and closing the bus connections. */
class BusConnectionsIT {
    @TempDir
    Path dir;

    private BusConnections buses(Optional<String> session, String system) {
        return new BusConnections(new DBusSettings(session, system, Duration.ofSeconds(5)));
    }

    private static BrokerException.Reason reasonOfACallOn(BusConnections buses, BusConnections.Bus bus) {
        return assertThrows(BrokerException.class, () -> buses.call(bus, "a test call", (c, d) -> c.getUniqueName()))
                .reason();
    }

    @Test
    void noSessionBusAddressOrAMissingSocketIsNoBus() {
        try (BusConnections buses = buses(Optional.empty(), "unix:path=" + dir.resolve("no-system-bus"))) {
            assertEquals(BrokerException.Reason.NO_BUS, reasonOfACallOn(buses, BusConnections.Bus.SESSION));
            assertEquals(BrokerException.Reason.NO_BUS, reasonOfACallOn(buses, BusConnections.Bus.SYSTEM));
        }
    }
}
