package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.dsreg.port.out.KeyStorage;
import org.dsreg.port.out.KeyStorageException;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.SignatureScheme;
import org.dsreg.port.out.StateLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The join is all or nothing: a failure at any step leaves the previous state and no new key. */
class JoinDeviceServiceTest {
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static final String DRS_AUD = AcquireDrsTokenUseCase.DRS_AUDIENCE;

    /** The steps a join takes, each of which a test can make fail. */
    enum Step { DISCOVERY, TOKEN, NONCE, KEY_DEVICE, KEY_TRANSPORT, CSR, JOIN, REPLY_OTHER_KEY, REPLY_THUMBPRINT,
        REPLY_NO_DEVICE_ID, REPLY_OTHER_TENANT, SAVE }

    Step failAt;
    final InMemoryStore store = new InMemoryStore();
    final MemoryKeys keys = new MemoryKeys();
    final List<String> prompts = new ArrayList<>();

    final class MemoryKeys implements KeyStorage {
        final Map<String, KeyPair> pairs = new LinkedHashMap<>();

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
        @Override public List<String> aliases() { return pairs.keySet().stream().sorted().toList(); }
    }

    static final class InMemoryStore implements RegistrationStore {
        final Map<TenantId, Registration> saved = new HashMap<>();
        boolean failSave;
        @Override public List<Registration> list() { return List.copyOf(saved.values()); }
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
        final List<DeviceId> deleted = new ArrayList<>();
        boolean refuseDelete;

        @Override public Discovery discover(String tenant) {
            fail(Step.DISCOVERY, "discovery failed");
            return new Discovery(new TenantDetails(TENANT, Optional.of("contoso.example"), Optional.empty(),
                    Optional.empty(), Optional.of("https://login/t/oauth2/token"), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(new ServiceEndpoint("2.0", "https://drs/EnrollmentServer/device/",
                    "urn:ms-drs:drs")), Optional.empty(), Optional.empty(), Optional.empty()),
                    Optional.of(new ServiceEndpoint("1.0", "https://drs/nonce/", "x")), "drs");
        }
        @Override public Optional<String> nonce(Discovery d) {
            fail(Step.NONCE, "nonce failed");
            return Optional.of("n");
        }
        @Override public byte[] certificateRequest(KeyStorage s, String alias, PublicKey key, Optional<String> nonce) {
            fail(Step.CSR, "cannot sign");
            lastDeviceKey = key;
            return new byte[] {48};
        }
        @Override public JoinReply join(Discovery d, AccessToken token, JoinRequest request) {
            fail(Step.JOIN, "HTTP 400 InvalidParameter");
            return new JoinReply("CERT".getBytes(StandardCharsets.US_ASCII),
                    failAt == Step.REPLY_THUMBPRINT ? "00".repeat(20) : Thumbprint.ofDer(cert()).value(),
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
                Optional.of(deviceId), Optional.of(failAt == Step.REPLY_OTHER_TENANT ? UUID.randomUUID() : TENANT.value()),
                JoinType.JOINED);
    };

    final DrsTokens tokens = new DrsTokens() {
        @Override public AccessToken fromFile(Path file) {
            fail(Step.TOKEN, "no token file");
            return new AccessToken("t", Optional.empty(), Optional.of(DRS_AUD));
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
        KeyStorages storages = new KeyStorages() {
            @Override public Optional<KeyStorage> find(String name) {
                return "memory".equals(name) ? Optional.of(keys) : Optional.empty();
            }
            @Override public Set<String> names() { return Set.of("memory"); }
            @Override public List<Backend> backends() { return List.of(); }
        };
        HostFacts host = new HostFacts() {
            @Override public HostInfo host() { return new HostInfo("host-1", "Debian 12", "debian", "12"); }
            @Override public DomainMembership domainMembership() { return new DomainMembership.NotJoined(); }
        };
        AcquireDrsTokenUseCase broker = c -> {
            throw new DsregException(ErrorKind.NOT_AVAILABLE, "no broker");
        };
        return new JoinDeviceService(drs, tokens, broker, storages, store, certificates, host, lock,
                UUID::randomUUID, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
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
        assertTrue(!e.getMessage().isBlank());
        assertEquals(before, store.saved, "the previous state is untouched");
        assertEquals(Set.of("other-tenants-key"), keys.pairs.keySet(), "keys this join made are gone");
        assertEquals(0, locks, "the lock is released");
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
        UnregisterDeviceService u = new UnregisterDeviceService(drs, keyStorages(), store, lock);
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
        assertTrue(e.getMessage().contains("already registered"), e.getMessage());
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
        return new Registration(t, new DeviceId(UUID.randomUUID()), JoinType.JOINED, info,
                new org.dsreg.domain.KeyRef("memory", "other-tenants-key"), Optional.empty(),
                TenantDetails.onlyId(t), Optional.empty(), org.dsreg.domain.RegistrationSource.DSREG);
    }
}
