package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.DomainMembership;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.HostInfo;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.KeyProtection;
import org.dsreg.domain.Registration;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Thumbprint;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.AcquireDrsTokenUseCase;
import org.dsreg.port.in.JoinDeviceCommand;
import org.dsreg.port.in.TokenSourceSpec;
import org.dsreg.port.in.UnregisterDeviceCommand;
import org.dsreg.port.out.Certificates;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.DrsTokens;
import org.dsreg.port.out.HostFacts;
import org.dsreg.port.out.JoinReply;
import org.dsreg.port.out.JoinRequest;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StateLock;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The join is all or nothing: a failure at any step leaves the previous state and no new key. */
class JoinDeviceServiceTest {
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static final String DRS_AUD = AcquireDrsTokenUseCase.DRS_AUDIENCE;

    /** The steps a join takes, each of which a test can make fail. */
    enum Step { DISCOVERY, TOKEN, TOKEN_NO_AUDIENCE, TOKEN_OTHER_AUDIENCE, TOKEN_EXPIRED, TOKEN_OTHER_TENANT, NONCE, KEY_DEVICE,
        KEY_TRANSPORT, CSR, JOIN, REPLY_OTHER_KEY, REPLY_THUMBPRINT, REPLY_MALFORMED_THUMBPRINT, REPLY_NO_DEVICE_ID,
        REPLY_OTHER_DEVICE_ID, REPLY_OTHER_TENANT, SAVE }

    /** The instant the service's clock says it is. */
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final UUID OTHER_DEVICE = UUID.fromString("99998888-7777-6666-5555-444433332222");
    static final UUID OTHER_TENANT = UUID.fromString("12121212-3434-5656-7878-909090909090");
    static final String TOKEN = "header.payload.signature";

    Step failAt;
    final InMemoryStore store = new InMemoryStore();
    final MemoryKeys keys = new MemoryKeys();
    final List<String> prompts = new ArrayList<>();

    final class MemoryKeys implements KeyStorage {
        final Map<String, KeyPair> pairs = java.util.Collections.synchronizedMap(new LinkedHashMap<>()); // two threads

        @Override public String name() { return "memory"; }
        @Override public KeyProtection protection() { return new KeyProtection("memory", false, ""); }
        @Override public Optional<PublicKey> publicKey(String alias) {
            return Optional.ofNullable(pairs.get(alias)).map(KeyPair::getPublic);
        }
        @Override public PublicKey generate(String alias) {
            if (failAt == Step.KEY_DEVICE && alias.startsWith("device-")
                    || failAt == Step.KEY_TRANSPORT && alias.startsWith("transport-")) {
                throw new KeyStorageException("no room for " + alias);
            }
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(1024); // key size is the adapter's business; small keys keep the test fast
                KeyPair p = g.generateKeyPair();
                pairs.put(alias, p);
                return p.getPublic();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        @Override public byte[] sign(String alias, SignatureScheme scheme, byte[] data) { return new byte[] {1}; }
        @Override public byte[] decrypt(String alias, byte[] ciphertext) { return new byte[0]; }
        @Override public boolean delete(String alias) { return pairs.remove(alias) != null; }
        @Override public List<String> aliases() {
            synchronized (pairs) {
                return pairs.keySet().stream().sorted().toList();
            }
        }
    }

    static final class InMemoryStore implements RegistrationStore {
        final Map<TenantId, Registration> saved = new HashMap<>();
        boolean failSave;
        boolean failList;
        @Override public List<Registration> list() {
            if (failList) {
                throw new DsregException(ErrorKind.QUERY_FAILED, "registration file corrupt");
            }
            return List.copyOf(saved.values());
        }
        @Override public Optional<Registration> find(TenantId t) { return Optional.ofNullable(saved.get(t)); }
        @Override public void save(Registration r) {
            if (failSave) {
                throw new DsregException(ErrorKind.QUERY_FAILED, "disk full");
            }
            saved.put(r.tenantId(), r);
        }
        @Override public boolean delete(TenantId t) { return saved.remove(t) != null; }
    }

    /** DRS whose reply is a certificate "issued" for the CSR key: the test forges the parsed facts. */
    final class FakeDrs implements DeviceRegistrationService {
        PublicKey lastDeviceKey;
        AccessToken lastToken;
        JoinRequest lastRequest;
        AccessToken nonceToken;
        Optional<String> tenantName = Optional.of("contoso.example");
        final List<DeviceId> deleted = new ArrayList<>();
        boolean refuseDelete;

        @Override public Discovery discover(String tenant) {
            fail(Step.DISCOVERY, "discovery failed");
            return new Discovery(new TenantDetails(TENANT, tenantName, Optional.empty(),
                    Optional.empty(), Optional.of("https://login/t/oauth2/token"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(new ServiceEndpoint("2.0", "https://drs/EnrollmentServer/device/",
                    "urn:ms-drs:drs")), Optional.empty(), Optional.empty(), Optional.empty()),
                    Optional.of(new ServiceEndpoint("1.0", "https://drs/nonce/", "x")), "drs");
        }
        @Override public Optional<String> nonce(Discovery d, AccessToken token) {
            nonceToken = token;
            fail(Step.NONCE, "nonce failed");
            return Optional.of("n");
        }
        @Override public byte[] certificateRequest(KeyStorage s, String alias, PublicKey key, Optional<String> nonce) {
            fail(Step.CSR, "cannot sign");
            lastDeviceKey = key;
            return new byte[] {48};
        }
        @Override public JoinReply join(Discovery d, AccessToken token, JoinRequest request) {
            lastToken = token;
            lastRequest = request;
            fail(Step.JOIN, "HTTP 400 InvalidParameter");
            return new JoinReply("CERT".getBytes(StandardCharsets.US_ASCII),
                    failAt == Step.REPLY_THUMBPRINT ? "00".repeat(20)
                            : failAt == Step.REPLY_MALFORMED_THUMBPRINT ? "not hex"
                            : Thumbprint.ofDer(cert()).value(),
                    Optional.of("admin@contoso.example"));
        }
        @Override public void checkDevice(ServiceEndpoint j, DeviceId d, CertificateInfo c, KeyStorage s, String a) {
            deleted.stream().filter(d::equals).findAny().ifPresent(x -> {
                throw new DrsException(ErrorKind.QUERY_FAILED, "HTTP 404 NotFound", 404, "NotFound", "t", null);
            });
        }
        @Override public Probe probe(String url) { return new Probe(200, Optional.empty()); }
        @Override public void delete(ServiceEndpoint join, DeviceId device, CertificateInfo c, KeyStorage s, String a) {
            if (refuseDelete) {
                throw new DrsException(ErrorKind.UNREGISTRATION_FAILED, "HTTP 403 Forbidden", 403, "Forbidden", "t", null);
            }
            deleted.add(device);
        }
    }

    static byte[] cert() {
        return "CERT".getBytes(StandardCharsets.US_ASCII);
    }

    final FakeDrs drs = new FakeDrs();
    final UUID deviceId = UUID.randomUUID();

    final Certificates certificates = der -> {
        PublicKey certified = failAt == Step.REPLY_OTHER_KEY ? keys.generate("someone-else") : drs.lastDeviceKey;
        keys.pairs.remove("someone-else");
        CertificateInfo info = new CertificateInfo("CN=" + deviceId, "CN=MS-Organization-Access", "1",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2036-01-01T00:00:00Z"), Thumbprint.ofDer(der),
                certified.getEncoded(), der);
        return new Certificates.Parsed(info,
                failAt == Step.REPLY_NO_DEVICE_ID ? Optional.of("not-a-guid") : Optional.of(deviceId.toString()),
                Optional.of(failAt == Step.REPLY_OTHER_DEVICE_ID ? OTHER_DEVICE : deviceId),
                Optional.of(failAt == Step.REPLY_OTHER_TENANT ? OTHER_TENANT : TENANT.value()),
                JoinType.JOINED);
    };

    final DrsTokens tokens = new DrsTokens() {
        @Override public AccessToken fromFile(Path file) {
            fail(Step.TOKEN, "no token file");
            if (failAt == Step.TOKEN_NO_AUDIENCE) {
                return new AccessToken(TOKEN, Optional.empty(), Optional.empty());
            }
            if (failAt == Step.TOKEN_OTHER_AUDIENCE) {
                return new AccessToken(TOKEN, Optional.empty(), Optional.of("https://graph.microsoft.com"));
            }
            if (failAt == Step.TOKEN_EXPIRED) {
                return new AccessToken(TOKEN, Optional.of(NOW.minusSeconds(1)), Optional.of(DRS_AUD));
            }
            if (failAt == Step.TOKEN_OTHER_TENANT) {
                return new AccessToken(TOKEN, Optional.of(NOW.plusSeconds(3600)), Optional.of(DRS_AUD),
                        Optional.of(OTHER_TENANT.toString()));
            }
            return new AccessToken(TOKEN, Optional.of(NOW.plusSeconds(3600)), Optional.of(DRS_AUD),
                    Optional.of(TENANT.toString().toUpperCase(java.util.Locale.ROOT))); // tid compares case-blind
        }
        @Override public AccessToken deviceCode(Discovery d, String client, String scope, Consumer<String> prompt) {
            prompt.accept("open https://login/device and enter ABC");
            return new AccessToken("t", Optional.empty(), Optional.of(DRS_AUD));
        }
    };

    void fail(Step step, String message) {
        if (failAt == step) {
            throw new DsregException(ErrorKind.QUERY_FAILED, message);
        }
    }

    int locks;
    final StateLock lock = () -> {
        locks++;
        return () -> locks--;
    };

    JoinDeviceService service() {
        return service(new KeyStorages() {
            @Override public Optional<KeyStorage> find(String name) {
                return "memory".equals(name) ? Optional.of(keys) : Optional.empty();
            }
            @Override public Set<String> names() { return Set.of("memory"); }
            @Override public List<Backend> backends() { return List.of(); }
        });
    }

    JoinDeviceService service(KeyStorages storages) {
        HostFacts host = new HostFacts() {
            @Override public HostInfo host() { return new HostInfo("host-1", "Debian 12", "debian", "12"); }
            @Override public DomainMembership domainMembership() { return new DomainMembership.NotJoined(); }
        };
        AcquireDrsTokenUseCase broker = c -> {
            throw new DsregException(ErrorKind.NOT_AVAILABLE, "no broker");
        };
        return new JoinDeviceService(drs, tokens, broker, storages, store, certificates, host, lock,
                UUID::randomUUID, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    JoinDeviceCommand command(TokenSourceSpec source) {
        return new JoinDeviceCommand("contoso.example", JoinType.JOINED, Optional.empty(), source, "memory");
    }

    @Test
    void aJoinSavesOneVerifiedRegistrationWithBothKeys() {
        Registration r = service().join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add);
        assertEquals(TENANT, r.tenantId());
        assertEquals(new DeviceId(deviceId), r.deviceId());
        assertEquals(List.of(r), store.list());
        assertEquals(Set.of(r.deviceKey().alias(), r.transportKey().orElseThrow().alias()), keys.pairs.keySet());
        assertEquals(0, locks, "the lock is released");
    }

    @Test
    void aSharedJoinAsksDrsForASharedDeviceAndRecordsIt() {
        JoinDeviceCommand shared = new JoinDeviceCommand("contoso.example", JoinType.JOINED, Optional.empty(),
                new TokenSourceSpec.File(Path.of("t")), "memory", DeviceMode.SHARED);
        Registration r = service().join(shared, prompts::add);
        assertEquals(DeviceMode.SHARED, drs.lastRequest.deviceMode());
        assertTrue(drs.lastRequest.shared());
        assertEquals(Optional.of(DeviceMode.SHARED), r.deviceMode());
        assertEquals(Optional.of(DeviceMode.SHARED), store.list().get(0).deviceMode());
    }

    @Test
    void aJoinIsExclusiveUnlessAskedOtherwise() {
        Registration r = service().join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add);
        assertEquals(DeviceMode.EXCLUSIVE, drs.lastRequest.deviceMode());
        assertFalse(drs.lastRequest.shared());
        assertEquals(Optional.of(DeviceMode.EXCLUSIVE), r.deviceMode());
    }

    @Test
    void aSharedRegistrationIsRefusedAsAnInvalidArgumentBeforeAnyRequest() {
        DsregException e = assertThrows(DsregException.class, () -> new JoinDeviceCommand("contoso.example",
                JoinType.REGISTERED, Optional.empty(), new TokenSourceSpec.DeviceCode(), "memory", DeviceMode.SHARED));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertEquals("a shared device is an Entra join: device mode shared does not go with join type register",
                e.getMessage());
        assertEquals(DeviceMode.EXCLUSIVE, new JoinDeviceCommand("contoso.example", JoinType.REGISTERED,
                Optional.empty(), new TokenSourceSpec.DeviceCode(), "memory", DeviceMode.EXCLUSIVE).deviceMode());
    }

    @Test
    void theDeviceCodePromptReachesTheUser() {
        service().join(command(new TokenSourceSpec.DeviceCode()), prompts::add);
        assertEquals(List.of("open https://login/device and enter ABC"), prompts);
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aFailureAtAnyStepLeavesThePreviousStateAndNoNewKey(Step step) {
        failAt = step;
        store.failSave = step == Step.SAVE;
        Registration other = anotherTenantsRegistration();
        store.saved.put(other.tenantId(), other);
        keys.pairs.clear();
        keys.generate("other-tenants-key");
        Map<TenantId, Registration> before = new HashMap<>(store.saved);

        DsregException e = assertThrows(DsregException.class,
                () -> service().join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add));
        Refusal expected = expectedRefusal(step);
        assertEquals(expected.kind(), e.kind(), step + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith(expected.message()), step + ": " + e.getMessage());
        assertEquals(before, store.saved, "the previous state is untouched");
        assertEquals(Set.of("other-tenants-key"), keys.pairs.keySet(), "keys this join made are gone");
        assertEquals(0, locks, "the lock is released");
    }

    record Refusal(ErrorKind kind, String message) {
    }

    /** Why the join fails when the given step goes wrong: the exact kind (exit code) and reason. */
    Refusal expectedRefusal(Step step) {
        ErrorKind q = ErrorKind.QUERY_FAILED;
        ErrorKind t = ErrorKind.DRS_TOKEN_REQUIRED;
        String nothing = "; nothing was saved";
        return switch (step) {
            // failures of the ports pass through as they are
            case DISCOVERY -> new Refusal(q, "discovery failed");
            case TOKEN -> new Refusal(q, "no token file");
            case NONCE -> new Refusal(q, "nonce failed");
            case KEY_DEVICE, KEY_TRANSPORT -> new Refusal(q, "no room for ");
            case CSR -> new Refusal(q, "cannot sign");
            case JOIN -> new Refusal(q, "HTTP 400 InvalidParameter");
            case SAVE -> new Refusal(q, "disk full");
            // the checks of the service itself
            case TOKEN_NO_AUDIENCE -> new Refusal(t,
                    "the token has no audience (aud) claim; it is not a DRS access token");
            case TOKEN_OTHER_AUDIENCE -> new Refusal(t,
                    "the token is for 'https://graph.microsoft.com', not for the Device Registration Service");
            case TOKEN_EXPIRED -> new Refusal(t, "the DRS access token expired at 2026-05-31T23:59:59Z");
            case TOKEN_OTHER_TENANT -> new Refusal(t, "the token was issued by tenant " + OTHER_TENANT + ", not by "
                    + TENANT + ", the tenant to join");
            case REPLY_OTHER_KEY -> new Refusal(q, "the certificate DRS issued is for another key than this device's"
                    + nothing);
            case REPLY_THUMBPRINT -> new Refusal(q, "the thumbprint DRS sent (" + "00".repeat(20)
                    + ") is not that of its certificate (" + Thumbprint.ofDer(cert()) + ")" + nothing);
            case REPLY_MALFORMED_THUMBPRINT -> new Refusal(q, "DRS sent a malformed thumbprint" + nothing);
            case REPLY_NO_DEVICE_ID -> new Refusal(q, "the certificate's subject names no device id" + nothing);
            case REPLY_OTHER_DEVICE_ID -> new Refusal(q, "the certificate's device id extension (" + OTHER_DEVICE
                    + ") differs from its subject (" + deviceId + ")" + nothing);
            case REPLY_OTHER_TENANT -> new Refusal(q, "the certificate is for tenant " + OTHER_TENANT + ", not "
                    + TENANT + nothing);
        };
    }

    @ParameterizedTest
    @EnumSource(value = Step.class, names = {"TOKEN_NO_AUDIENCE", "TOKEN_OTHER_AUDIENCE", "TOKEN_EXPIRED",
            "TOKEN_OTHER_TENANT"})
    void aTokenRefusedHereNeverReachesDrsAndNoKeyIsMade(Step step) {
        failAt = step;
        DsregException e = assertThrows(DsregException.class,
                () -> service().join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertEquals(5, e.kind().exitCode());
        assertEquals(null, drs.lastToken, "DRS never saw the token");
        assertTrue(keys.pairs.isEmpty(), "no key is made before the token is checked");
    }

    @Test
    void theTokenFromTheSourceIsTheOneHandedToDrs() {
        service().join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add);
        assertEquals(TOKEN, drs.lastToken.token());
    }

    @Test
    void aTokenForTheDrsResourceIdIsAcceptedAsWellAsTheAudienceUri() {
        DrsTokens resource = new DrsTokens() {
            @Override public AccessToken fromFile(Path f) {
                return new AccessToken(TOKEN, Optional.empty(), Optional.of(AcquireDrsTokenUseCase.DRS_RESOURCE));
            }
            @Override public AccessToken deviceCode(Discovery d, String c, String s, Consumer<String> p) {
                throw new AssertionError();
            }
        };
        JoinDeviceService s = new JoinDeviceService(drs, resource, c -> null, keyStorages(), store, certificates,
                host(), lock, UUID::randomUUID, Clock.fixed(NOW, ZoneOffset.UTC));
        s.join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add);
        assertEquals(TOKEN, drs.lastToken.token());
        assertEquals(1, store.saved.size());
    }

    @Test
    void aTokenThatExpiresThisVeryInstantIsStillAccepted() {
        DrsTokens now = new DrsTokens() {
            @Override public AccessToken fromFile(Path f) {
                return new AccessToken(TOKEN, Optional.of(NOW), Optional.of(DRS_AUD));
            }
            @Override public AccessToken deviceCode(Discovery d, String c, String s, Consumer<String> p) {
                throw new AssertionError();
            }
        };
        new JoinDeviceService(drs, now, c -> null, keyStorages(), store, certificates, host(), lock,
                UUID::randomUUID, Clock.fixed(NOW, ZoneOffset.UTC))
                .join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add);
        assertEquals(1, store.saved.size());
    }

    @Test
    void theDeviceCodeTokenIsCheckedAndHandedToDrs() {
        service().join(command(new TokenSourceSpec.DeviceCode()), prompts::add);
        assertEquals("t", drs.lastToken.token());
    }

    @Test
    void theBrokersTokenIsUsedForTheDiscoveredTenantAndItsFailureIsExitFive() {
        List<org.dsreg.port.in.AcquireDrsTokenCommand> asked = new ArrayList<>();
        AcquireDrsTokenUseCase broker = c -> {
            asked.add(c);
            return new AccessToken("from-broker", Optional.empty(), Optional.of(DRS_AUD));
        };
        JoinDeviceService s = new JoinDeviceService(drs, tokens, broker, keyStorages(), store, certificates,
                host(), lock, UUID::randomUUID, Clock.fixed(NOW, ZoneOffset.UTC));
        s.join(command(new TokenSourceSpec.Broker()), prompts::add);
        assertEquals("from-broker", drs.lastToken.token());
        assertEquals(Optional.of(TENANT), asked.get(0).tenant());

        store.saved.clear();
        DsregException e = assertThrows(DsregException.class,
                () -> service().join(command(new TokenSourceSpec.Broker()), prompts::add));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertEquals("no DRS token from the identity broker: no broker", e.getMessage());
        assertEquals(Optional.of(Remedy.either(Remedy.say("sign in through the broker"),
                new Remedy.UseDeviceCodeSignIn())), e.remedy());
    }

    @Test
    void theBrokersTokenOfAnotherTenantIsRefusedBeforeAnyKeyIsMade() {
        AcquireDrsTokenUseCase broker = c -> new AccessToken("from-broker", Optional.of(NOW.plusSeconds(3600)),
                Optional.of(DRS_AUD), Optional.of(OTHER_TENANT.toString()));
        JoinDeviceService s = new JoinDeviceService(drs, tokens, broker, keyStorages(), store, certificates,
                host(), lock, UUID::randomUUID, Clock.fixed(NOW, ZoneOffset.UTC));
        DsregException e = assertThrows(DsregException.class,
                () -> s.join(command(new TokenSourceSpec.Broker()), prompts::add));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertTrue(e.getMessage().contains(OTHER_TENANT.toString()) && e.getMessage().contains(TENANT.toString()),
                e.getMessage());
        assertEquals(null, drs.lastToken, "DRS never saw the token");
        assertTrue(keys.pairs.isEmpty(), "no key is made before the token is checked");
    }

    @Test
    void theBrokersExpiredTokenIsRefused() {
        AcquireDrsTokenUseCase broker = c -> new AccessToken("from-broker", Optional.of(NOW.minusSeconds(1)),
                Optional.of(DRS_AUD));
        JoinDeviceService s = new JoinDeviceService(drs, tokens, broker, keyStorages(), store, certificates,
                host(), lock, UUID::randomUUID, Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, assertThrows(DsregException.class,
                () -> s.join(command(new TokenSourceSpec.Broker()), prompts::add)).kind());
    }

    @Test
    void aRegistrationIsAskedForAsARegistrationAndSavedAsOne() {
        JoinDeviceCommand register = new JoinDeviceCommand("contoso.example", JoinType.REGISTERED,
                Optional.of("my laptop"), new TokenSourceSpec.File(Path.of("t")), "memory");
        Registration r = service().join(register, prompts::add);
        assertEquals(JoinType.REGISTERED, drs.lastRequest.joinType());
        assertEquals(JoinType.REGISTERED, r.joinType());
        assertEquals("my laptop", drs.lastRequest.displayName());
        assertEquals("contoso.example", drs.lastRequest.targetDomain());
        assertEquals(JoinDeviceService.DEVICE_TYPE, drs.lastRequest.deviceType());
        assertEquals("Debian 12", drs.lastRequest.osVersion());
        assertEquals(NOW, r.registeredAt().orElseThrow());

        store.saved.clear();
        service().join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add);
        assertEquals(JoinType.JOINED, drs.lastRequest.joinType());
        assertEquals("host-1", drs.lastRequest.displayName(), "the host name by default");
    }

    @Test
    void theNonceIsAskedWithTheDrsTokenTheJoinUses() {
        service().join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add);
        assertEquals(TOKEN, drs.nonceToken.token());
        assertEquals(drs.lastToken, drs.nonceToken);
    }

    @Test
    void theTargetDomainIsTheTenantsDomain() {
        JoinDeviceCommand byDomain = new JoinDeviceCommand("fabrikam.example", JoinType.REGISTERED, Optional.empty(),
                new TokenSourceSpec.File(Path.of("t")), "memory");
        service().join(byDomain, prompts::add);
        assertEquals("fabrikam.example", drs.lastRequest.targetDomain(), "the domain the user gave");

        store.saved.clear();
        JoinDeviceCommand byId = new JoinDeviceCommand(TENANT.toString(), JoinType.REGISTERED, Optional.empty(),
                new TokenSourceSpec.File(Path.of("t")), "memory");
        service().join(byId, prompts::add);
        assertEquals("contoso.example", drs.lastRequest.targetDomain(), "discovery's TenantInfo.TenantName");

        store.saved.clear();
        drs.tenantName = Optional.empty();
        service().join(byId, prompts::add);
        assertEquals("drs", drs.lastRequest.targetDomain(), "no domain known: the DRS host, as MS-DRS describes it");
    }

    @Test
    void anUnknownKeyStorageNamesTheAvailableOnes() {
        JoinDeviceCommand c = new JoinDeviceCommand(TENANT.toString(), JoinType.JOINED, Optional.empty(),
                new TokenSourceSpec.DeviceCode(), "hsm");
        DsregException e = assertThrows(DsregException.class, () -> service().join(c, prompts::add));
        assertEquals("no key storage named 'hsm' (available: memory)", e.getMessage());
    }

    @Test
    void aSecondRegistrationWithTheSameTenantIsRefusedNamingTheDeviceAndWhatToDo() {
        JoinDeviceCommand register = new JoinDeviceCommand("contoso.example", JoinType.REGISTERED, Optional.empty(),
                new TokenSourceSpec.File(Path.of("t")), "memory");
        Registration first = service().join(register, prompts::add);
        DsregException e = assertThrows(DsregException.class, () -> service().join(register, prompts::add));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals("this device is already registered with tenant " + TENANT + " (device id " + first.deviceId()
                + ")", e.getMessage());
        assertEquals(Optional.of(new Remedy.UnregisterFirst(TENANT)), e.remedy());
    }

    @Test
    void oneEntraJoinPerDeviceWhileRegistrationsMayCoexist() {
        Registration other = anotherTenantsRegistration();
        Registration joinedElsewhere = new Registration(other.tenantId(), other.deviceId(), JoinType.JOINED,
                other.deviceMode(),
                other.certificate(), other.deviceKey(), Optional.empty(), other.tenantDetails(), other.registeredAt(),
                other.source());
        store.saved.put(other.tenantId(), joinedElsewhere);
        int keysBefore = keys.pairs.size();
        DsregException e = assertThrows(DsregException.class,
                () -> service().join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals("this device is already Entra joined to tenant " + other.tenantId() + " (device id "
                + other.deviceId() + "); a device has one join", e.getMessage());
        assertEquals(Optional.of(Remedy.either(new Remedy.UnregisterFirst(other.tenantId()),
                new Remedy.Join(JoinType.REGISTERED))), e.remedy(), "unregister first, or add a registration");
        assertEquals(keysBefore, keys.pairs.size(), "refused before any key is made");
        assertEquals(null, drs.lastToken, "and before DRS is asked anything");

        JoinDeviceCommand register = new JoinDeviceCommand("contoso.example", JoinType.REGISTERED, Optional.empty(),
                new TokenSourceSpec.File(Path.of("t")), "memory");
        assertEquals(JoinType.REGISTERED, service().join(register, prompts::add).joinType(),
                "a registration beside the join is allowed");
    }

    HostFacts host() {
        return new HostFacts() {
            @Override public HostInfo host() { return new HostInfo("host-1", "Debian 12", "debian", "12"); }
            @Override public DomainMembership domainMembership() { return new DomainMembership.NotJoined(); }
        };
    }

    @Test
    void aTokenForAnotherAudienceIsExitFive() {
        DrsTokens wrong = new DrsTokens() {
            @Override public AccessToken fromFile(Path f) {
                return new AccessToken("t", Optional.empty(), Optional.of("https://graph.microsoft.com"));
            }
            @Override public AccessToken deviceCode(Discovery d, String c, String s, Consumer<String> p) {
                throw new AssertionError();
            }
        };
        JoinDeviceService s = new JoinDeviceService(drs, wrong, c -> null, new KeyStorages() {
            @Override public Optional<KeyStorage> find(String name) { return Optional.of(keys); }
            @Override public Set<String> names() { return Set.of("memory"); }
            @Override public List<Backend> backends() { return List.of(); }
        }, store, certificates, null, lock, UUID::randomUUID, Clock.systemUTC());
        DsregException e = assertThrows(DsregException.class,
                () -> s.join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertTrue(keys.pairs.isEmpty(), "no key is made before the token is checked");
    }

    @Test
    void anUnknownKeyStorageIsAnInvalidArgument() {
        JoinDeviceCommand c = new JoinDeviceCommand(TENANT.toString(), JoinType.JOINED, Optional.empty(),
                new TokenSourceSpec.DeviceCode(), "hsm");
        assertEquals(ErrorKind.INVALID_ARGUMENTS,
                assertThrows(DsregException.class, () -> service().join(c, prompts::add)).kind());
    }

    @Test
    void unregisterDeletesAtDrsThenLocally() {
        Registration r = service().join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add);
        UnregisterDeviceService u = new UnregisterDeviceService(drs, keyStorages(), store, lock, new InMemoryPrtStore());
        drs.refuseDelete = true;
        DsregException refused = assertThrows(DsregException.class,
                () -> u.unregister(new UnregisterDeviceCommand(TENANT)));
        assertEquals(ErrorKind.UNREGISTRATION_FAILED, refused.kind());
        assertEquals(List.of(r), store.list(), "DRS refused: nothing removed here");
        assertEquals(2, keys.pairs.size());

        drs.refuseDelete = false;
        assertEquals(new org.dsreg.domain.Unregistration(r, false), u.unregister(new UnregisterDeviceCommand(TENANT)));
        assertEquals(List.of(r.deviceId()), drs.deleted);
        assertTrue(store.list().isEmpty());
        assertTrue(keys.pairs.isEmpty());
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, assertThrows(DsregException.class,
                () -> u.unregister(new UnregisterDeviceCommand(TENANT))).kind(), "not registered: no credential");
    }

    @Test
    void aSecondJoinWithTheSameTenantIsRefusedBeforeAnyKeyIsMade() {
        service().join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add);
        int before = keys.pairs.size();
        DsregException e = assertThrows(DsregException.class,
                () -> service().join(command(new TokenSourceSpec.File(Path.of("t"))), prompts::add));
        assertTrue(e.getMessage().startsWith("this device is already Entra joined to tenant " + TENANT),
                e.getMessage());
        assertEquals(before, keys.pairs.size());
    }

    KeyStorages keyStorages() {
        return new KeyStorages() {
            @Override public Optional<KeyStorage> find(String name) { return Optional.of(keys); }
            @Override public Set<String> names() { return Set.of("memory"); }
            @Override public List<Backend> backends() { return List.of(); }
        };
    }

    Registration anotherTenantsRegistration() {
        byte[] der = "OTHER-CERT".getBytes(StandardCharsets.US_ASCII); // the domain does not parse DER
        TenantId t = TenantId.parse("11112222-3333-4444-5555-666677778888");
        CertificateInfo info = new CertificateInfo("CN=x", "CN=y", "1", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), Thumbprint.ofDer(der), new byte[] {1}, der);
        return new Registration(t, new DeviceId(UUID.randomUUID()), JoinType.REGISTERED,
                Optional.of(org.dsreg.domain.DeviceMode.EXCLUSIVE), info,
                new org.dsreg.domain.KeyRef("memory", "other-tenants-key"), Optional.empty(),
                TenantDetails.onlyId(t), Optional.empty(), org.dsreg.domain.RegistrationSource.DSREG);
    }
}
