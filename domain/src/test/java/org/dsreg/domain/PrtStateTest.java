package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrtStateTest {
    private static final Instant NOW = Instant.parse("2025-12-11T12:45:15Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void ageIsTakenFromTheInjectedClock() {
        var prt = new PrtState.Present(Optional.of(Instant.parse("2025-12-11T08:30:15Z")),
                Optional.of(Instant.parse("2025-12-25T08:30:15Z")), Optional.empty(), Optional.of("3.1"));
        assertEquals(Optional.of(Duration.ofMinutes(255)), prt.age(CLOCK)); // 4.25 hours, as in the seed
        assertFalse(prt.expiredAt(NOW));
        assertTrue(prt.expiredAt(Instant.parse("2025-12-26T00:00:00Z")));
    }

    @Test
    void lastRefreshWinsOverAcquisitionAndNothingIsInvented() {
        var refreshed = new PrtState.Present(Optional.of(NOW.minusSeconds(7200)), Optional.empty(),
                Optional.of(NOW.minusSeconds(60)), Optional.empty());
        assertEquals(Optional.of(Duration.ofSeconds(60)), refreshed.age(CLOCK));
        var noTimes = new PrtState.Present(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertEquals(Optional.empty(), noTimes.age(CLOCK));
        assertFalse(noTimes.expiredAt(NOW));
    }
}
