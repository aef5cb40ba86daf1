package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A shared device is an Entra join; a registration knows its mode (dsreg's) or does not (the broker's). */
class DeviceModeTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static Registration with(JoinType type, Optional<DeviceMode> mode) {
        Registration r = HealthRulesTest.registration(type, NOW, NOW.plusSeconds(86400));
        return new Registration(r.tenantId(), r.deviceId(), type, mode, r.certificate(), r.deviceKey(),
                r.transportKey(), r.tenantDetails(), r.registeredAt(), r.source());
    }

    @Test
    void labelsAreMicrosoftDsregs() {
        assertEquals("Shared", DeviceMode.SHARED.label());
        assertEquals("Exclusive", DeviceMode.EXCLUSIVE.label());
    }

    @Test
    void onlyAJoinMayBeShared() {
        assertTrue(DeviceMode.SHARED.allows(JoinType.JOINED));
        assertFalse(DeviceMode.SHARED.allows(JoinType.REGISTERED));
        assertFalse(DeviceMode.SHARED.allows(JoinType.UNKNOWN));
        for (JoinType t : JoinType.values()) {
            assertTrue(DeviceMode.EXCLUSIVE.allows(t), t.name());
        }
    }

    @Test
    void aRegistrationRefusesASharedDeviceThatIsNotJoined() {
        assertEquals(Optional.of(DeviceMode.SHARED), with(JoinType.JOINED, Optional.of(DeviceMode.SHARED)).deviceMode());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> with(JoinType.REGISTERED, Optional.of(DeviceMode.SHARED)));
        assertEquals("a shared device is an Entra join, not REGISTERED", e.getMessage());
        assertEquals(Optional.empty(), with(JoinType.REGISTERED, Optional.empty()).deviceMode(), "unknown is allowed");
        assertThrows(NullPointerException.class, () -> with(JoinType.JOINED, null));
    }

    @Test
    void newTenantDetailsKeepEverythingElse() {
        Registration r = with(JoinType.JOINED, Optional.of(DeviceMode.SHARED));
        TenantDetails details = new TenantDetails(r.tenantId(), Optional.of("contoso.example"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        Registration refreshed = r.withTenantDetails(details);
        assertEquals(details, refreshed.tenantDetails());
        assertEquals(new Registration(r.tenantId(), r.deviceId(), r.joinType(), r.deviceMode(), r.certificate(),
                r.deviceKey(), r.transportKey(), details, r.registeredAt(), r.source()), refreshed);
    }
}
