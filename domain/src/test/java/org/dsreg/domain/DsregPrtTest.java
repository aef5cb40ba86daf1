package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** dsreg's PRT metadata, the last attempt and the status records: what they accept and what they compute. */
class DsregPrtTest {
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static final String OID = "11111111-2222-3333-4444-555555555555";
    static final Instant CACHED = Instant.parse("2026-12-01T00:00:00Z");

    static DsregPrt prt(Optional<Instant> expires, Optional<Instant> lastRefresh, int kdf) {
        return new DsregPrt(TENANT, "a@contoso.example", OID, CACHED, expires, lastRefresh, kdf, "TPM");
    }

    @Test
    void theAgeRunsFromTheLastRefreshElseFromTheAcquisition() {
        Clock clock = Clock.fixed(CACHED.plus(Duration.ofHours(30)), ZoneOffset.UTC);
        assertEquals(Duration.ofHours(30), prt(Optional.empty(), Optional.empty(), 2).age(clock));
        assertEquals(Duration.ofHours(6), prt(Optional.empty(), Optional.of(CACHED.plus(Duration.ofHours(24))), 2)
                .age(clock));
    }

    @Test
    void expiredOnlyAfterItsExpiryAndNeverWithoutOne() {
        Instant expiry = CACHED.plus(Duration.ofDays(14));
        DsregPrt p = prt(Optional.of(expiry), Optional.empty(), 2);
        assertFalse(p.expiredAt(expiry));
        assertTrue(p.expiredAt(expiry.plusSeconds(1)));
        assertFalse(prt(Optional.empty(), Optional.empty(), 2).expiredAt(Instant.MAX));
    }

    @Test
    void aRenewalKeepsTheFirstAcquisitionAndSetsTheRest() {
        Instant at = CACHED.plus(Duration.ofDays(1));
        DsregPrt r = prt(Optional.of(CACHED.plusSeconds(10)), Optional.empty(), 1)
                .renewed(at, Optional.of(at.plus(Duration.ofDays(14))));
        assertEquals(CACHED, r.cachedAt());
        assertEquals(Optional.of(at), r.lastRefresh());
        assertEquals(Optional.of(at.plus(Duration.ofDays(14))), r.expiresOn());
        assertEquals(1, r.kdfVersion());
        assertEquals("TPM", r.sessionKeyProtection());
        assertEquals(OID, r.objectId());
        assertEquals("a@contoso.example", r.upn());
    }

    @Test
    void theProtocolNamesTheKdfVersion() {
        assertEquals("AzureAD-SecureConversation KDF v2", prt(Optional.empty(), Optional.empty(), 2)
                .sessionKeyProtocol());
        assertEquals("AzureAD-SecureConversation KDF v1", prt(Optional.empty(), Optional.empty(), 1)
                .sessionKeyProtocol());
    }

    @Test
    void onlyKdfVersionsOneAndTwoAndAGuidObjectId() {
        assertThrows(IllegalArgumentException.class, () -> prt(Optional.empty(), Optional.empty(), 0));
        assertThrows(IllegalArgumentException.class, () -> prt(Optional.empty(), Optional.empty(), 3));
        assertThrows(IllegalArgumentException.class, () -> new DsregPrt(TENANT, "a", "not-a-guid", CACHED,
                Optional.empty(), Optional.empty(), 2, "TPM"));
        assertThrows(NullPointerException.class, () -> new DsregPrt(TENANT, null, OID, CACHED,
                Optional.empty(), Optional.empty(), 2, "TPM"));
    }

    @Test
    void theRecordsHoldWhatTheyAreGiven() {
        PrtAttempt a = new PrtAttempt(CACHED, PrtAttempt.Kind.RENEW, Optional.of("a"), false, Optional.of(400),
                Optional.of("AADSTS70000"), Optional.of("bad"), Optional.of("t"), Optional.of("c"), "https://x");
        PrtRecords.Known k = new PrtRecords.Known(List.of(prt(Optional.empty(), Optional.empty(), 2)),
                Optional.of(a));
        assertEquals(1, k.prts().size());
        assertEquals(Optional.of(a), k.lastAttempt());
        assertThrows(UnsupportedOperationException.class, () -> k.prts().clear());
        assertEquals("why", new PrtRecords.Unreadable("why").reason());
        assertThrows(NullPointerException.class, () -> new PrtRecords.Unreadable(null));
        assertThrows(NullPointerException.class, () -> new PrtAttempt(CACHED, null, Optional.empty(), true,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "e"));
    }
}
