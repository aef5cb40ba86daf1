package org.dsreg.embed.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.TenantId;
import org.dsreg.port.in.RefreshPrtCommand;
import org.dsreg.port.in.TokenSourceSpec;
import org.junit.jupiter.api.Test;

/** Until a PRT store and the refresh are bound: status says so, nothing is kept, a refresh is refused. */
class UnboundPrtsTest {
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");

    @Test
    void statusSaysNoPrtIsKeptAndARefreshIsRefusedAsNotAvailable() {
        UnboundPrts unbound = new UnboundPrts();
        assertEquals(new PrtRecords.Unreadable("this build of dsreg keeps no PRTs"), unbound.read(TENANT));
        assertEquals(List.of(), unbound.list(TENANT));
        assertEquals(List.of(), unbound.deleteAll(TENANT));
        DsregException refused = assertThrows(DsregException.class, () -> unbound.refresh(new RefreshPrtCommand(TENANT,
                new TokenSourceSpec.DeviceCode(), Optional.empty()), message -> { }));
        assertEquals(ErrorKind.NOT_AVAILABLE, refused.kind());
        assertEquals("this build of dsreg keeps no PRTs", refused.getMessage());
        assertEquals(ErrorKind.NOT_AVAILABLE, assertThrows(DsregException.class, () -> unbound.recordAttempt(TENANT,
                new PrtAttempt(Instant.EPOCH, PrtAttempt.Kind.RENEW, Optional.empty(), false, Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "https://x"))).kind());
    }
}
