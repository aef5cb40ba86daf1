package org.dsreg.application;

import org.dsreg.domain.DsregPrt;
import org.dsreg.port.out.PrtAccessToken;
import org.dsreg.port.out.PrtExchange;
import org.dsreg.port.out.PrtGrant;
import org.dsreg.port.out.SessionKey;
import org.dsreg.port.out.SessionKeyRef;
import org.dsreg.port.out.StoredPrt;
import org.dsreg.port.out.TokenServiceException;
import org.dsreg.port.out.UserCredential;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Thumbprint;
import org.dsreg.port.in.AcquireDrsTokenUseCase;
import org.dsreg.port.out.Certificates;
import org.dsreg.port.out.DeviceNotFoundException;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.DrsTokens;
import org.dsreg.port.out.HostFacts;
import org.dsreg.port.out.JoinReply;
import org.dsreg.port.out.JoinRequest;
import org.dsreg.port.out.KeyIntents;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StagedIdentities;
import org.dsreg.port.out.StateLock;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.SignatureScheme;

/**
 * One machine and its DRS for the identity replacement tests: two key storages ("software" and "tpm", in memory),
 * a registration store, replacement and intent records, PRTs; and a DRS that models what the engine relies on: a
 * join makes a device whose certificate certifies the CSR's key; the device GET and DELETE answer only the holder
 * of that key (TLS), 404 once deleted; faults for the next call of each remote step.
 */
final class ReplacementWorld {
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    /** The remote calls a fault can hit. */
    enum Remote { DISCOVER, JOIN, READ, CHECK, DELETE, DELETE_REPLY_LOST }

    final Map<String, MemoryKeys> storages = new LinkedHashMap<>(Map.of("software", new MemoryKeys("software"),
            "tpm", new MemoryKeys("tpm")));
    final Map<TenantId, Registration> saved = new HashMap<>();
    final Map<TenantId, StagedIdentities.Staged> stagedRecords = new HashMap<>();
    final Map<String, KeyIntents.Intent> intents = new LinkedHashMap<>();
    final InMemoryPrtStore prts = new InMemoryPrtStore();
    final FakeDrs drs = new FakeDrs();
    final Map<Thumbprint, CertificateInfo> issued = new HashMap<>();
    final List<Remote> faults = new ArrayList<>();
    Duration certificateLifetime = Duration.ofDays(365);
    /** Whether the device GET's answer says {@code Enabled} (what the real DRS sends there is not public). */
    boolean drsSaysEnabled = true;
    /** Whether the token service answers a PRT's access-token request at all (else HTTP 503). */
    boolean tokenServiceUp = true;
    /** Which PRTs the token service answers (else HTTP 503), when it is up. */
    java.util.function.Predicate<String> tokenServiceAnswers = prt -> true;
    /** Devices DRS still has that the token service does not know (AADSTS700003). */
    final Set<DeviceId> unknownToTokenService = new java.util.HashSet<>();

    static final class Device {
        final CertificateInfo certificate;
        final String displayName;
        boolean deleted;
        boolean enabled = true;

        Device(CertificateInfo certificate, String displayName) {
            this.certificate = certificate;
            this.displayName = displayName;
        }
    }

    /** A key storage in memory: public keys only (the fake DRS authenticates by the key's presence and match). */
    final class MemoryKeys implements KeyStorage {
        final String name;
        final Map<String, PublicKey> made = new java.util.concurrent.ConcurrentHashMap<>(); // two threads make keys

        MemoryKeys(String name) {
            this.name = name;
        }

        @Override public String name() { return name; }
        @Override public KeyProtection protection() { return new KeyProtection(name, false, ""); }
        @Override public Optional<PublicKey> publicKey(String alias) { return Optional.ofNullable(made.get(alias)); }
        @Override public PublicKey generate(String alias) {
            PublicKey key = rsa().getPublic();
            made.put(alias, key);
            return key;
        }
        @Override public byte[] sign(String alias, SignatureScheme scheme, byte[] data) { return data.clone(); }
        @Override public byte[] decrypt(String alias, byte[] ciphertext) { return ciphertext.clone(); }
        @Override public boolean delete(String alias) { return made.remove(alias) != null; }
        @Override public List<String> aliases() { return new java.util.TreeSet<>(made.keySet()).stream().toList(); }
    }

    /** A small RSA key pair: the key size is the adapter's business, and small keys keep the test fast. */
    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(1024);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** DRS as the engine sees it: devices by id, each reachable only with its own key. */
    final class FakeDrs implements DeviceRegistrationService {
        final Map<DeviceId, Device> devices = new LinkedHashMap<>();
        /** Devices whose own requests DRS refuses with {@link #refusedStatus} (a certificate it no longer accepts). */
        final Set<DeviceId> refused = new java.util.HashSet<>();
        int refusedStatus = 401;
        /** Devices whose GET DRS answers 404 though the token service still has them (one directory, two views). */
        final Set<DeviceId> notFoundHere = new java.util.HashSet<>();
        /** Devices whose requests get no answer (a connection reset: HTTP status 0). */
        final Set<DeviceId> transportDown = new java.util.HashSet<>();
        PublicKey csrKey;
        /**
         * A join that reuses the live device object (ReuseDevice): a new certificate for it, which the previous one
         * no longer authenticates as.
         */
        boolean reuseDevice;
        /** A reply whose certificate is for a key that is not the CSR's (no DRS is known to send one). */
        boolean certifyOtherKey;

        void fault(Remote r) {
            if (faults.remove(r)) {
                throw new DrsException(r == Remote.DELETE ? ErrorKind.UNREGISTRATION_FAILED : ErrorKind.QUERY_FAILED,
                        "HTTP 500 InternalServiceError (" + r + ")", 500, "InternalServiceError", "t", null);
            }
        }

        @Override public Discovery discover(String tenant) {
            fault(Remote.DISCOVER);
            return discovery();
        }
        @Override public Optional<String> nonce(Discovery d, AccessToken token) { return Optional.of("n"); }
        @Override public byte[] certificateRequest(KeyStorage s, String alias, PublicKey key, Optional<String> n) {
            csrKey = key;
            return new byte[] {48};
        }
        @Override public JoinReply join(Discovery d, AccessToken token, JoinRequest request) {
            fault(Remote.JOIN);
            DeviceId id = reuseDevice ? live().get(0) : new DeviceId(UUID.randomUUID());
            byte[] der = ("CERT-" + id).getBytes(StandardCharsets.US_ASCII);
            PublicKey certified = certifyOtherKey ? rsa().getPublic() : csrKey;
            CertificateInfo info = new CertificateInfo("CN=" + id, "CN=MS-Organization-Access", "1",
                    NOW.minusSeconds(60), NOW.plus(certificateLifetime), Thumbprint.ofDer(der), certified.getEncoded(),
                    der);
            issued.put(info.thumbprint(), info);
            devices.put(id, new Device(info, request.displayName()));
            return new JoinReply(der, info.thumbprint().value(), Optional.of("admin@contoso.example"));
        }
        @Override public void checkDevice(ServiceEndpoint j, DeviceId d, CertificateInfo c, KeyStorage s, String a) {
            fault(Remote.CHECK); // the proof of the new identity
            readDevice(j, d, c, s, a);
        }
        @Override public DeviceObject readDevice(ServiceEndpoint j, DeviceId d, CertificateInfo c, KeyStorage s,
                                                 String a) {
            fault(Remote.READ);
            Device device = authenticated(d, c, s, a);
            if (notFoundHere.contains(d)) {
                throw new DeviceNotFoundException(ErrorKind.QUERY_FAILED, "HTTP 404", 404, "DeviceNotFound", "t");
            }
            return new DeviceObject(drsSaysEnabled ? Optional.of(device.enabled) : Optional.empty(),
                    Optional.of(device.displayName));
        }
        @Override public void delete(ServiceEndpoint j, DeviceId d, CertificateInfo c, KeyStorage s, String a) {
            fault(Remote.DELETE);
            authenticated(d, c, s, a).deleted = true;
            fault(Remote.DELETE_REPLY_LOST);
        }
        @Override public Probe probe(String url) { return new Probe(200, Optional.empty()); }

        /** TLS with the device certificate: the key must be there and be the certificate's. */
        private Device authenticated(DeviceId d, CertificateInfo c, KeyStorage s, String alias) {
            PublicKey key = s.publicKey(alias).orElseThrow(() -> new DsregException(ErrorKind.QUERY_FAILED,
                    "the device key " + s.name() + ":" + alias + " is not there"));
            if (!c.certifiesKey(key.getEncoded())) {
                throw new DsregException(ErrorKind.QUERY_FAILED, "the key is not the certificate's");
            }
            if (transportDown.contains(d)) {
                throw new DrsException(ErrorKind.QUERY_FAILED, "connection reset", 0, null, null, null);
            }
            Device device = devices.get(d);
            if (device == null || device.deleted) {
                throw new DeviceNotFoundException(ErrorKind.QUERY_FAILED, "HTTP 404", 404, "DeviceNotFound", "t");
            }
            if (refused.contains(d)) {
                throw new DrsException(ErrorKind.QUERY_FAILED, "HTTP " + refusedStatus, refusedStatus,
                        "AuthenticationError", "t", null);
            }
            if (!Arrays.equals(device.certificate.der(), c.der())) {
                throw new DrsException(ErrorKind.QUERY_FAILED, "HTTP 403", 403, "AuthorizationError", "t", null);
            }
            return device;
        }

        List<DeviceId> live() {
            return devices.entrySet().stream().filter(e -> !e.getValue().deleted).map(Map.Entry::getKey).toList();
        }
    }

    /**
     * The token service as a PRT's access-token request meets it: AADSTS700003 for a device DRS does not have,
     * AADSTS135011 for a disabled one (docs/protocol.md), a token otherwise.
     */
    final PrtExchange tokenService = new PrtExchange() {
        @Override public PrtGrant acquire(Registration r, KeyStorage s, UserCredential c) {
            throw new AssertionError("a replacement asks for no PRT");
        }
        @Override public PrtGrant renew(Registration r, String prt, SessionKey key) {
            throw new AssertionError("a replacement renews no PRT");
        }
        @Override public PrtAccessToken accessToken(Registration r, String prt, SessionKey key, String client,
                                                    String scope) {
            if (!tokenServiceUp) {
                throw refusal(Optional.empty(), "HTTP 503");
            }
            Device device = drs.devices.get(r.deviceId());
            if (!tokenServiceAnswers.test(prt)) {
                throw refusal(Optional.empty(), "HTTP 503");
            }
            if (device == null || device.deleted || unknownToTokenService.contains(r.deviceId())) {
                throw refusal(Optional.of("AADSTS700003"), "AADSTS700003: Device object was not found");
            }
            if (!device.enabled) {
                throw refusal(Optional.of("AADSTS135011"), "AADSTS135011: Device used during the authentication"
                        + " is disabled.");
            }
            return new PrtAccessToken(new AccessToken("graph", Optional.empty(), Optional.empty(), Optional.empty()),
                    Optional.empty());
        }

        private TokenServiceException refusal(Optional<String> code, String message) {
            return new TokenServiceException(ErrorKind.QUERY_FAILED, message, Optional.of(400), code, message,
                    Optional.empty(), "c", "https://login/t/oauth2/token", null);
        }
    };

    /** A live PRT of the tenant, its session key inline. */
    void holdPrt() {
        prts.save(new StoredPrt(new DsregPrt(TENANT, "a@contoso.example", RefreshPrtServiceTest.OID_A,
                NOW.minusSeconds(7200), Optional.of(NOW.plusSeconds(86400)), Optional.empty(), 2, "software"),
                "prt-a", new SessionKeyRef.Inline(new byte[32])));
    }

    /** A second account's live PRT of the tenant ("prt-b"). */
    void holdSecondPrt() {
        prts.save(new StoredPrt(new DsregPrt(TENANT, "b@contoso.example", RefreshPrtServiceTest.OID_B,
                NOW.minusSeconds(7200), Optional.of(NOW.plusSeconds(86400)), Optional.empty(), 2, "software"),
                "prt-b", new SessionKeyRef.Inline(new byte[32])));
    }

    static Discovery discovery() {
        return new Discovery(new TenantDetails(TENANT, Optional.of("contoso.example"), Optional.empty(),
                Optional.empty(), Optional.of("https://login/t/oauth2/token"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(new ServiceEndpoint("2.0", "https://drs/EnrollmentServer/device/",
                "urn:ms-drs:drs")), Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.of(new ServiceEndpoint("1.0", "https://drs/nonce/", "x")), "drs");
    }

    final KeyStorages rawStorages = new KeyStorages() {
        @Override public Optional<KeyStorage> find(String name) { return Optional.ofNullable(storages.get(name)); }
        @Override public Set<String> names() { return storages.keySet(); }
        @Override public List<Backend> backends() { return List.of(); }
    };

    final RegistrationStore rawStore = new RegistrationStore() {
        @Override public List<Registration> list() { return List.copyOf(saved.values()); }
        @Override public Optional<Registration> find(TenantId t) { return Optional.ofNullable(saved.get(t)); }
        @Override public void save(Registration r) { saved.put(r.tenantId(), r); }
        @Override public boolean delete(TenantId t) { return saved.remove(t) != null; }
    };

    final StagedIdentities staged = new StagedIdentities() {
        @Override public void stage(Staged s) { stagedRecords.put(s.tenant(), s); }
        @Override public List<Staged> pending() { return List.copyOf(stagedRecords.values()); }
        @Override public boolean remove(TenantId t) { return stagedRecords.remove(t) != null; }
    };

    final KeyIntents keyIntents = new KeyIntents() {
        @Override public Intent record(String purpose, List<KeyRef> keys) {
            Intent i = new Intent(UUID.randomUUID().toString(), purpose, NOW, keys);
            intents.put(i.id(), i);
            return i;
        }
        @Override public void complete(Intent intent) { intents.remove(intent.id()); }
        @Override public List<Intent> pending() { return List.copyOf(intents.values()); }
    };

    final IntentRecords records = new IntentRecords(keyIntents, rawStorages, rawStore,
            () -> IdentityRecovery.referencedKeys(staged));
    final IdentityRecovery recovery = new IdentityRecovery(drs, records.keyStorages(), records.registrationStore(),
            staged, prts, Clock.fixed(NOW, ZoneOffset.UTC));
    final StateLock lock = records.stateLock(recovery.around(() -> () -> { }));

    final DrsTokens tokens = new DrsTokens() {
        @Override public AccessToken fromFile(Path file) {
            return new AccessToken("t", Optional.of(NOW.plusSeconds(3600)), Optional.of(
                    AcquireDrsTokenUseCase.DRS_AUDIENCE), Optional.of(TENANT.toString()));
        }
        @Override public AccessToken deviceCode(Discovery d, String client, String scope, Consumer<String> prompt) {
            throw new AssertionError("the tests use a token file");
        }
    };

    final Certificates certificates = der -> {
        CertificateInfo info = issued.get(Thumbprint.ofDer(der));
        String cn = info.subject().substring(3);
        return new Certificates.Parsed(info, Optional.of(cn), Optional.of(UUID.fromString(cn)),
                Optional.of(TENANT.value()), JoinType.JOINED);
    };

    final HostFacts host = new HostFacts() {
        @Override public HostInfo host() { return new HostInfo("host-1", "Debian 12", "debian", "12"); }
        @Override public DomainMembership domainMembership() { return new DomainMembership.NotJoined(); }
    };

    JoinDeviceService joins() {
        return new JoinDeviceService(drs, tokens, cmd -> {
            throw new AssertionError("no broker here");
        }, records.keyStorages(), records.registrationStore(), certificates, host, lock, UUID::randomUUID,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    IdentityReplacement engine(IdentityReplacement.Steps steps) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new IdentityReplacement(joins(), drs, records.keyStorages(), records.registrationStore(), staged,
                recovery, new TokenServiceStanding(prts, tokenService, records.keyStorages(), clock), lock, clock,
                steps);
    }

    /** A replacement run to its end, no step interrupted. */
    org.dsreg.domain.Replacement run(org.dsreg.port.in.ReplaceIdentityCommand c) {
        return engine(step -> { }).replace(c, m -> { });
    }

    /** {@code c} killed right after {@code at}: no clean-up of its own runs. */
    void crashAfter(org.dsreg.port.in.ReplaceIdentityCommand c, IdentityReplacement.Step at) {
        org.junit.jupiter.api.Assertions.assertThrows(IdentityReplacementTest.Crash.class, () -> engine(step -> {
            if (step == at) {
                throw new IdentityReplacementTest.Crash();
            }
        }).replace(c, m -> { }));
    }

    /** A software join whose certificate is valid for {@code lifetime} (negative: expired already). */
    Registration joined(Duration lifetime) {
        certificateLifetime = lifetime;
        Registration r = joined("software");
        certificateLifetime = Duration.ofDays(365);
        return r;
    }

    /** A join with keys in {@code storage}, as --join makes it. */
    Registration joined(String storage) {
        return joins().join(new org.dsreg.port.in.JoinDeviceCommand(TENANT.toString(), JoinType.JOINED,
                Optional.of("box-1"), new org.dsreg.port.in.TokenSourceSpec.File(Path.of("/t")), storage,
                DeviceMode.EXCLUSIVE), m -> { });
    }

    /** Every key in every storage. */
    List<KeyRef> allKeys() {
        List<KeyRef> keys = new ArrayList<>();
        storages.values().forEach(s -> s.aliases().forEach(a -> keys.add(new KeyRef(s.name(), a))));
        return keys;
    }

    /** The next run that takes the state lock (which settles what a crash left). */
    void nextRun() {
        lock.acquire().close();
    }

    static RegistrationSource source() {
        return RegistrationSource.DSREG;
    }
}
