package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.KeyProtection;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.Registration;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.port.in.RefreshPrtCommand;
import org.dsreg.port.in.RefreshPrtResult;
import org.dsreg.port.in.TokenSourceSpec;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.PrtAccessToken;
import org.dsreg.port.out.PrtExchange;
import org.dsreg.port.out.PrtGrant;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.SessionKey;
import org.dsreg.port.out.SessionKeyRef;
import org.dsreg.port.out.StoredPrt;
import org.dsreg.port.out.TokenServiceException;
import org.dsreg.port.out.UserCredential;
import org.dsreg.port.out.UserCredentials;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.junit.jupiter.api.Test;

/** A first PRT, a renewal, and every way they fail: what is saved, what is kept, what is recorded. */
class RefreshPrtServiceTest {
    static final TenantId TENANT = UnregisterDeviceServiceTest.TENANT;
    static final String OID_A = "11111111-2222-3333-4444-555555555555";
    static final String OID_B = "66666666-7777-8888-9999-000000000000";
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final byte[] SESSION_KEY = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            SESSION_KEY[i] = (byte) (i + 1);
        }
    }

    final InMemoryPrtStore prts = new InMemoryPrtStore();
    final Map<String, byte[]> sessionKeys = new HashMap<>();
    Set<KeyStorageCapability> capabilities = Set.of(KeyStorageCapability.SESSION_KEY_HMAC,
            KeyStorageCapability.HARDWARE_BACKED);
    Registration registration = UnregisterDeviceServiceTest.registration();
    final List<String> calls = new ArrayList<>();
    RuntimeException refusal;
    UserCredential credential = new UserCredential("user-rt", Optional.of("a@contoso.example"), Optional.of(OID_A));
    String grantedUpn = "a@contoso.example";
    String grantedOid = OID_A;
    byte[] seenHmac;

    static StoredPrt stored(TenantId tenant, String upn, String oid, SessionKeyRef ref) {
        return new StoredPrt(new DsregPrt(tenant, upn, oid, NOW.minusSeconds(7200),
                Optional.of(NOW.plusSeconds(86400)), Optional.empty(), 2, "TPM"), "old-prt-" + oid, ref);
    }

    final class Keys implements KeyStorage {
        @Override public String name() { return "memory"; }
        @Override public KeyProtection protection() { return new KeyProtection("memory", true, ""); }
        @Override public Optional<PublicKey> publicKey(String alias) { return Optional.empty(); }
        @Override public PublicKey generate(String alias) { throw new AssertionError(); }
        @Override public byte[] sign(String alias, SignatureScheme scheme, byte[] data) { throw new AssertionError(); }
        @Override public byte[] decrypt(String alias, byte[] ciphertext) { throw new AssertionError(); }
        @Override public boolean delete(String alias) { throw new AssertionError(); }
        @Override public List<String> aliases() { return List.of(); }
        @Override public void importSessionKey(String alias, byte[] key) {
            if (sessionKeys.putIfAbsent(alias, key.clone()) != null) {
                throw new KeyStorageException("taken");
            }
        }
        @Override public byte[] sessionKeyHmac(String alias, byte[] message) {
            byte[] key = sessionKeys.get(alias);
            if (key == null) {
                throw new KeyStorageException("no session key " + alias);
            }
            return hmac(key, message);
        }
        @Override public boolean deleteSessionKey(String alias) { return sessionKeys.remove(alias) != null; }
    }

    final KeyStorages storages = new KeyStorages() {
        @Override public Optional<KeyStorage> find(String name) {
            return name.equals("memory") ? Optional.of(new Keys()) : Optional.empty();
        }
        @Override public Set<String> names() { return Set.of("memory"); }
        @Override public List<Backend> backends() {
            return List.of(new Backend("memory", "memory", capabilities, new Availability.Usable("")));
        }
    };

    final PrtExchange exchange = new PrtExchange() {
        @Override public PrtGrant acquire(Registration r, KeyStorage storage, UserCredential c) {
            calls.add("acquire " + c.refreshToken());
            if (refusal != null) {
                throw refusal;
            }
            return new PrtGrant("new-prt", Optional.of(SESSION_KEY), Optional.ofNullable(grantedUpn),
                    Optional.ofNullable(grantedOid), Optional.of(NOW.plusSeconds(1209600)), "corr-1", "https://t/token");
        }
        @Override public PrtGrant renew(Registration r, String prt, SessionKey key) {
            calls.add("renew " + prt);
            seenHmac = key.hmacSha256(new byte[] {1, 2, 3});
            if (refusal != null) {
                throw refusal;
            }
            return new PrtGrant("renewed-prt", Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(NOW.plusSeconds(1209600)), "corr-2", "https://t/token");
        }
        @Override public PrtAccessToken accessToken(Registration r, String prt, SessionKey key, String client,
                                                    String scope) {
            throw new AssertionError();
        }
    };

    final UserCredentials credentials = new UserCredentials() {
        @Override public UserCredential deviceCode(TenantDetails t, String clientId, String scope,
                                                   Consumer<String> prompt) {
            calls.add("device-code " + clientId + " " + scope);
            return credential;
        }
        @Override public UserCredential refreshTokenFile(Path file) {
            calls.add("file " + file);
            return new UserCredential("file-rt", Optional.empty(), Optional.empty());
        }
    };

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    RefreshPrtService service() {
        RegistrationStore store = new RegistrationStore() {
            @Override public List<Registration> list() { return List.of(registration); }
            @Override public Optional<Registration> find(TenantId t) {
                return t.equals(registration.tenantId()) ? Optional.of(registration) : Optional.empty();
            }
            @Override public void save(Registration r) { throw new AssertionError(); }
            @Override public boolean delete(TenantId t) { throw new AssertionError(); }
        };
        return new RefreshPrtService(store, prts, exchange, credentials, storages, () -> () -> { },
                () -> UUID.fromString("abababab-0000-0000-0000-000000000001"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static RefreshPrtCommand command(Optional<String> account) {
        return new RefreshPrtCommand(TENANT, new TokenSourceSpec.DeviceCode(), account);
    }

    @Test
    void aFirstPrtSignsInByDeviceCodeAndKeepsTheSessionKeyInTheBackend() {
        RefreshPrtResult r = service().refresh(command(Optional.empty()), m -> { });
        assertEquals(PrtAttempt.Kind.ACQUIRE, r.kind());
        assertEquals(List.of("device-code " + UserCredentials.PRT_CLIENT_ID + " " + RefreshPrtService.SIGN_IN_SCOPE,
                "acquire user-rt"), calls);
        StoredPrt saved = prts.find(TENANT, OID_A).orElseThrow();
        assertEquals("new-prt", saved.prt());
        assertEquals(new SessionKeyRef.InStorage("memory", "prt-abababab-0000-0000-0000-000000000001"),
                saved.sessionKey());
        assertArrayEquals(SESSION_KEY, sessionKeys.get("prt-abababab-0000-0000-0000-000000000001"));
        assertEquals("MEMORY", saved.metadata().sessionKeyProtection(), "a hardware backend by its name");
        assertEquals(NOW, saved.metadata().cachedAt());
        assertEquals(Optional.empty(), saved.metadata().lastRefresh());
        assertEquals(2, saved.metadata().kdfVersion());
        PrtAttempt attempt = prts.attempts.get(TENANT);
        assertTrue(attempt.succeeded());
        assertEquals(Optional.of("corr-1"), attempt.correlationId());
    }

    @Test
    void aBackendWithoutTheCapabilityLeavesTheKeyToThePrtFile() {
        capabilities = Set.of();
        service().refresh(command(Optional.empty()), m -> { });
        StoredPrt saved = prts.find(TENANT, OID_A).orElseThrow();
        assertEquals(new SessionKeyRef.Inline(SESSION_KEY), saved.sessionKey());
        assertEquals("software", saved.metadata().sessionKeyProtection());
        assertTrue(sessionKeys.isEmpty());
    }

    @Test
    void aSoftwareBackendWithTheCapabilityIsSoftwareProtection() {
        capabilities = Set.of(KeyStorageCapability.SESSION_KEY_HMAC);
        service().refresh(command(Optional.empty()), m -> { });
        assertEquals("software", prts.find(TENANT, OID_A).orElseThrow().metadata().sessionKeyProtection());
        assertEquals(1, sessionKeys.size());
    }

    @Test
    void aRefreshTokenFileIsTheCredentialWhenGiven() {
        service().refresh(new RefreshPrtCommand(TENANT, new TokenSourceSpec.RefreshTokenFile(Path.of("/rt")),
                Optional.empty()), m -> { });
        assertEquals(List.of("file /rt", "acquire file-rt"), calls);
        assertEquals("a@contoso.example", prts.find(TENANT, OID_A).orElseThrow().metadata().upn());
    }

    @Test
    void aPrtKeptIsRenewedWithItsSessionKeyAndTheOldOneStaysUntilSaved() {
        sessionKeys.put("prt-1", SESSION_KEY.clone());
        prts.save(stored(TENANT, "a@contoso.example", OID_A, new SessionKeyRef.InStorage("memory", "prt-1")));
        RefreshPrtResult r = service().refresh(command(Optional.empty()), m -> { });
        assertEquals(PrtAttempt.Kind.RENEW, r.kind());
        assertEquals(List.of("renew old-prt-" + OID_A), calls, "no sign-in for a renewal");
        assertArrayEquals(hmac(SESSION_KEY, new byte[] {1, 2, 3}), seenHmac, "the backend's session key signs");
        StoredPrt saved = prts.find(TENANT, OID_A).orElseThrow();
        assertEquals("renewed-prt", saved.prt());
        assertEquals(Optional.of(NOW), saved.metadata().lastRefresh());
        assertEquals(NOW.minusSeconds(7200), saved.metadata().cachedAt(), "first acquisition time kept");
        assertEquals(new SessionKeyRef.InStorage("memory", "prt-1"), saved.sessionKey(), "same session key");
        assertEquals(PrtAttempt.Kind.RENEW, prts.attempts.get(TENANT).kind());
    }

    @Test
    void anInlineSessionKeySignsTheRenewal() {
        prts.save(stored(TENANT, "a@contoso.example", OID_A, new SessionKeyRef.Inline(SESSION_KEY)));
        service().refresh(command(Optional.empty()), m -> { });
        assertArrayEquals(hmac(SESSION_KEY, new byte[] {1, 2, 3}), seenHmac);
    }

    @Test
    void aRefusedRenewalKeepsThePrtAndRecordsTheServicesAnswer() {
        prts.save(stored(TENANT, "a@contoso.example", OID_A, new SessionKeyRef.Inline(SESSION_KEY)));
        refusal = new TokenServiceException(ErrorKind.QUERY_FAILED, "the token service refused: AADSTS70000: bad",
                Optional.of(400), Optional.of("AADSTS70000"), "AADSTS70000: bad", Optional.of("trace-9"), "corr-9",
                "https://t/token", null);
        DsregException e = assertThrows(DsregException.class, () -> service().refresh(command(Optional.empty()),
                m -> { }));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals("old-prt-" + OID_A, prts.find(TENANT, OID_A).orElseThrow().prt(), "previous PRT untouched");
        PrtAttempt a = prts.attempts.get(TENANT);
        assertFalse(a.succeeded());
        assertEquals(Optional.of("AADSTS70000"), a.errorCode());
        assertEquals(Optional.of(400), a.httpStatus());
        assertEquals(Optional.of("trace-9"), a.traceId());
        assertEquals(Optional.of("corr-9"), a.correlationId());
        assertEquals(PrtAttempt.Kind.RENEW, a.kind());
    }

    @Test
    void aRefusedAcquisitionSavesNothing() {
        refusal = new TokenServiceException(ErrorKind.QUERY_FAILED, "refused", Optional.of(400),
                Optional.of("AADSTS700003"), "AADSTS700003: device not found", Optional.empty(), "c", "e", null);
        assertEquals(ErrorKind.QUERY_FAILED, assertThrows(DsregException.class,
                () -> service().refresh(command(Optional.empty()), m -> { })).kind());
        assertTrue(prts.saved.isEmpty());
        assertTrue(sessionKeys.isEmpty());
        assertEquals(PrtAttempt.Kind.ACQUIRE, prts.attempts.get(TENANT).kind());
    }

    @Test
    void aFailedSaveRemovesTheImportedSessionKeyAndKeepsTheOldPrt() {
        sessionKeys.put("prt-old", SESSION_KEY.clone());
        prts.save(stored(TENANT, "b@contoso.example", OID_B, new SessionKeyRef.InStorage("memory", "prt-old")));
        prts.failSaves = true;
        assertEquals(ErrorKind.QUERY_FAILED, assertThrows(DsregException.class,
                () -> service().refresh(command(Optional.of("a@contoso.example")), m -> { })).kind());
        assertEquals(Set.of("prt-old"), sessionKeys.keySet(), "the new session key is gone, the old one stays");
        assertFalse(prts.attempts.get(TENANT) != null && prts.attempts.get(TENANT).succeeded());
    }

    @Test
    void anObjectIdNamesTheAccountInAnyCase() {
        prts.save(stored(TENANT, "a@contoso.example", OID_A, new SessionKeyRef.Inline(SESSION_KEY)));
        prts.save(stored(TENANT, "b@contoso.example", OID_B, new SessionKeyRef.Inline(SESSION_KEY)));
        service().refresh(command(Optional.of(OID_A.toUpperCase())), m -> { });
        assertEquals(List.of("renew old-prt-" + OID_A), calls);
    }

    @Test
    void aNewPrtForAnAccountReplacesItsOldOneAndItsSessionKey() {
        sessionKeys.put("prt-old", SESSION_KEY.clone());
        prts.save(stored(TENANT, "old-name@contoso.example", OID_A, new SessionKeyRef.InStorage("memory", "prt-old")));
        service().refresh(command(Optional.of("a@contoso.example")), m -> { }); // renamed user: no PRT by that name
        StoredPrt saved = prts.find(TENANT, OID_A).orElseThrow();
        assertEquals("new-prt", saved.prt());
        assertEquals("a@contoso.example", saved.metadata().upn());
        assertEquals(Set.of("prt-abababab-0000-0000-0000-000000000001"), sessionKeys.keySet(), "old key removed");
        assertEquals(1, prts.list(TENANT).size());
    }

    @Test
    void severalPrtsAndNoAccountIsRefused() {
        prts.save(stored(TENANT, "a@contoso.example", OID_A, new SessionKeyRef.Inline(SESSION_KEY)));
        prts.save(stored(TENANT, "b@contoso.example", OID_B, new SessionKeyRef.Inline(SESSION_KEY)));
        DsregException e = assertThrows(DsregException.class,
                () -> service().refresh(command(Optional.empty()), m -> { }));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertEquals(Optional.of(new Remedy.ChooseAccount(List.of("a@contoso.example", "b@contoso.example"))),
                e.remedy());
        assertTrue(calls.isEmpty());
    }

    @Test
    void aSignInAsAnotherAccountIsRefusedBeforeAnyRequest() {
        DsregException e = assertThrows(DsregException.class,
                () -> service().refresh(command(Optional.of("b@contoso.example")), m -> { }));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertEquals(List.of("device-code " + UserCredentials.PRT_CLIENT_ID + " " + RefreshPrtService.SIGN_IN_SCOPE),
                calls, "no PRT request");
        assertTrue(prts.saved.isEmpty());
    }

    @Test
    void aGrantForAnotherAccountIsRefusedAndNothingSaved() {
        credential = new UserCredential("user-rt", Optional.empty(), Optional.empty());
        grantedUpn = "b@contoso.example";
        grantedOid = OID_B;
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, assertThrows(DsregException.class,
                () -> service().refresh(command(Optional.of("a@contoso.example")), m -> { })).kind());
        assertTrue(prts.saved.isEmpty());
        assertTrue(sessionKeys.isEmpty());
    }

    @Test
    void aGrantNamingNoUserIsABadReply() {
        credential = new UserCredential("user-rt", Optional.empty(), Optional.empty());
        grantedOid = null;
        assertEquals(ErrorKind.QUERY_FAILED, assertThrows(DsregException.class,
                () -> service().refresh(command(Optional.empty()), m -> { })).kind());
        assertTrue(prts.saved.isEmpty());
        assertEquals(Optional.of("bad-reply"), prts.attempts.get(TENANT).errorCode());
    }

    @Test
    void noRegistrationOfDsregsIsNoDeviceCredential() {
        registration = new Registration(TENANT, registration.deviceId(), registration.joinType(),
                Optional.empty(), registration.certificate(), registration.deviceKey(), registration.transportKey(),
                registration.tenantDetails(), Optional.empty(), org.dsreg.domain.RegistrationSource.MICROSOFT_BROKER);
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, assertThrows(DsregException.class,
                () -> service().refresh(command(Optional.empty()), m -> { })).kind());
        assertTrue(calls.isEmpty());
    }

    @Test
    void anExpiredPrtIsReplacedByASignInAsTheSameAccount() {
        sessionKeys.put("prt-old", SESSION_KEY.clone());
        prts.save(new StoredPrt(new DsregPrt(TENANT, "a@contoso.example", OID_A, NOW.minusSeconds(99999),
                Optional.of(NOW.minusSeconds(1)), Optional.empty(), 2, "TPM"), "dead-prt",
                new SessionKeyRef.InStorage("memory", "prt-old")));
        RefreshPrtResult r = service().refresh(command(Optional.empty()), m -> { });
        assertEquals(PrtAttempt.Kind.ACQUIRE, r.kind());
        assertEquals(List.of("device-code " + UserCredentials.PRT_CLIENT_ID + " " + RefreshPrtService.SIGN_IN_SCOPE,
                "acquire user-rt"), calls, "no renewal of a PRT the service would refuse");
        assertEquals("new-prt", prts.find(TENANT, OID_A).orElseThrow().prt());
        assertEquals(Set.of("prt-abababab-0000-0000-0000-000000000001"), sessionKeys.keySet());
    }

    @Test
    void anExpiredPrtIsNotReplacedByAnotherAccountsSignIn() {
        prts.save(new StoredPrt(new DsregPrt(TENANT, "b@contoso.example", OID_B, NOW.minusSeconds(99999),
                Optional.of(NOW.minusSeconds(1)), Optional.empty(), 2, "TPM"), "dead-prt",
                new SessionKeyRef.Inline(SESSION_KEY)));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, assertThrows(DsregException.class,
                () -> service().refresh(command(Optional.empty()), m -> { })).kind());
        assertEquals("dead-prt", prts.find(TENANT, OID_B).orElseThrow().prt());
    }

    @Test
    void aSignInAskedForReplacesAKeptPrt() {
        prts.save(stored(TENANT, "a@contoso.example", OID_A, new SessionKeyRef.Inline(SESSION_KEY)));
        RefreshPrtResult r = service().refresh(new RefreshPrtCommand(TENANT, new TokenSourceSpec.DeviceCode(),
                Optional.empty(), true), m -> { });
        assertEquals(PrtAttempt.Kind.ACQUIRE, r.kind());
        assertEquals("new-prt", prts.find(TENANT, OID_A).orElseThrow().prt());
    }

    @Test
    void aRenewalRefusedAsDeadSaysToSignInAgain() {
        prts.save(stored(TENANT, "a@contoso.example", OID_A, new SessionKeyRef.Inline(SESSION_KEY)));
        refusal = new TokenServiceException(ErrorKind.QUERY_FAILED, "refused: AADSTS50173: revoked", Optional.of(400),
                Optional.of("AADSTS50173"), "AADSTS50173: revoked", Optional.empty(), "c", "e", null);
        DsregException e = assertThrows(DsregException.class, () -> service().refresh(command(Optional.empty()),
                m -> { }));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals(Optional.of(new Remedy.SignInAgain(TENANT)), e.remedy());
        assertEquals("old-prt-" + OID_A, prts.find(TENANT, OID_A).orElseThrow().prt());
    }

    @Test
    void aRenewalRefusedOtherwiseHasNoSignInAdvice() {
        prts.save(stored(TENANT, "a@contoso.example", OID_A, new SessionKeyRef.Inline(SESSION_KEY)));
        refusal = new TokenServiceException(ErrorKind.QUERY_FAILED, "refused", Optional.of(400),
                Optional.of("AADSTS700003"), "AADSTS700003: device not found", Optional.empty(), "c", "e", null);
        DsregException e = assertThrows(DsregException.class, () -> service().refresh(command(Optional.empty()),
                m -> { }));
        assertEquals(Optional.empty(), e.remedy());
    }

    @Test
    void aGrantNamingAnObjectIdThatIsNoGuidIsABadReplyAndImportsNothing() {
        credential = new UserCredential("user-rt", Optional.empty(), Optional.empty());
        grantedOid = "not-a-guid";
        assertEquals(ErrorKind.QUERY_FAILED, assertThrows(DsregException.class,
                () -> service().refresh(command(Optional.empty()), m -> { })).kind());
        assertTrue(sessionKeys.isEmpty());
        assertEquals(Optional.of("bad-reply"), prts.attempts.get(TENANT).errorCode());
    }

    @Test
    void aFailedSaveOfTheSameAccountsNewPrtKeepsTheOldOneAndItsKey() {
        sessionKeys.put("prt-old", SESSION_KEY.clone());
        prts.save(new StoredPrt(new DsregPrt(TENANT, "a@contoso.example", OID_A, NOW.minusSeconds(99999),
                Optional.of(NOW.minusSeconds(1)), Optional.empty(), 2, "TPM"), "dead-prt",
                new SessionKeyRef.InStorage("memory", "prt-old")));
        prts.failSaves = true;
        assertThrows(DsregException.class, () -> service().refresh(command(Optional.empty()), m -> { }));
        assertEquals("dead-prt", prts.find(TENANT, OID_A).orElseThrow().prt());
        assertEquals(Set.of("prt-old"), sessionKeys.keySet());
    }

    @Test
    void aFailedSaveOfARenewalKeepsThePrt() {
        prts.save(stored(TENANT, "a@contoso.example", OID_A, new SessionKeyRef.Inline(SESSION_KEY)));
        prts.failSaves = true;
        assertThrows(DsregException.class, () -> service().refresh(command(Optional.empty()), m -> { }));
        assertEquals("old-prt-" + OID_A, prts.find(TENANT, OID_A).orElseThrow().prt());
    }

    @Test
    void aLocalFailureBeforeTheRequestIsRecordedAsSuch() {
        prts.save(stored(TENANT, "a@contoso.example", OID_A, new SessionKeyRef.InStorage("memory", "gone")));
        assertEquals(ErrorKind.QUERY_FAILED, assertThrows(DsregException.class,
                () -> service().refresh(command(Optional.empty()), m -> { })).kind());
        assertEquals(Optional.of("session-key"), prts.attempts.get(TENANT).errorCode());
    }
}
