package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Registration;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.TenantId;
import org.dsreg.port.in.GetTokenCommand;
import org.dsreg.port.out.PrtAccessToken;
import org.dsreg.port.out.PrtExchange;
import org.dsreg.port.out.PrtGrant;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.SessionKey;
import org.dsreg.port.out.SessionKeyRef;
import org.dsreg.port.out.StoredPrt;
import org.dsreg.port.out.UserCredential;
import org.dsreg.spi.keystorage.KeyStorage;
import org.junit.jupiter.api.Test;

/** An access token through the kept PRT: which PRT, which session key, and the refusals before any request. */
class GetTokenServiceTest {
    static final TenantId TENANT = RefreshPrtServiceTest.TENANT;
    static final String GRAPH_CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

    final RefreshPrtServiceTest fixture = new RefreshPrtServiceTest();
    final InMemoryPrtStore prts = fixture.prts;
    String usedPrt;
    byte[] usedHmac;
    Instant now = RefreshPrtServiceTest.NOW;

    final PrtExchange exchange = new PrtExchange() {
        @Override public PrtGrant acquire(Registration r, KeyStorage s, UserCredential c) { throw new AssertionError(); }
        @Override public PrtGrant renew(Registration r, String p, SessionKey k) { throw new AssertionError(); }
        @Override public PrtAccessToken accessToken(Registration r, String prt, SessionKey key, String client,
                                                    String scope) {
            usedPrt = prt;
            usedHmac = key.hmacSha256(new byte[] {9});
            return new PrtAccessToken(new AccessToken("at", Optional.empty(), Optional.empty()), Optional.of(scope));
        }
    };

    GetTokenService service() {
        Registration registration = fixture.registration;
        RegistrationStore store = new RegistrationStore() {
            @Override public List<Registration> list() { return List.of(registration); }
            @Override public Optional<Registration> find(TenantId t) { return Optional.of(registration); }
            @Override public void save(Registration r) { throw new AssertionError(); }
            @Override public boolean delete(TenantId t) { throw new AssertionError(); }
        };
        return new GetTokenService(store, prts, exchange, fixture.storages, () -> () -> { },
                Clock.fixed(now, ZoneOffset.UTC));
    }

    GetTokenCommand command(Optional<String> account) {
        return new GetTokenCommand(TENANT, GRAPH_CLIENT, "https://graph.microsoft.com/.default", account);
    }

    @Test
    void theAccountsPrtAndItsSessionKeyMakeTheRequest() {
        fixture.sessionKeys.put("prt-1", RefreshPrtServiceTest.SESSION_KEY.clone());
        prts.save(RefreshPrtServiceTest.stored(TENANT, "a@contoso.example", RefreshPrtServiceTest.OID_A,
                new SessionKeyRef.InStorage("memory", "prt-1")));
        prts.save(RefreshPrtServiceTest.stored(TENANT, "b@contoso.example", RefreshPrtServiceTest.OID_B,
                new SessionKeyRef.Inline(new byte[32])));
        PrtAccessToken t = service().getToken(command(Optional.of("A@contoso.example")));
        assertEquals("old-prt-" + RefreshPrtServiceTest.OID_A, usedPrt);
        assertArrayEquals(RefreshPrtServiceTest.hmac(RefreshPrtServiceTest.SESSION_KEY, new byte[] {9}), usedHmac);
        assertEquals(Optional.of("https://graph.microsoft.com/.default"), t.scope());
    }

    @Test
    void noPrtIsNoCredentialWithTheWayToGetOne() {
        DsregException e = assertThrows(DsregException.class, () -> service().getToken(command(Optional.empty())));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertEquals(Optional.of(new Remedy.RefreshPrt(TENANT)), e.remedy());
    }

    @Test
    void anExpiredPrtIsNotSent() {
        prts.save(new StoredPrt(new DsregPrt(TENANT, "a@contoso.example", RefreshPrtServiceTest.OID_A,
                now.minusSeconds(99999), Optional.of(now.minusSeconds(1)), Optional.empty(), 2, "TPM"), "p",
                new SessionKeyRef.Inline(new byte[32])));
        DsregException e = assertThrows(DsregException.class, () -> service().getToken(command(Optional.empty())));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertEquals(null, usedPrt);
    }

    @Test
    void anAccountWithoutAPrtIsRefused() {
        prts.save(RefreshPrtServiceTest.stored(TENANT, "a@contoso.example", RefreshPrtServiceTest.OID_A,
                new SessionKeyRef.Inline(new byte[32])));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, assertThrows(DsregException.class,
                () -> service().getToken(command(Optional.of("c@contoso.example")))).kind());
        assertEquals(null, usedPrt);
    }
}
