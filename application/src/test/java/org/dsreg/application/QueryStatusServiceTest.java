package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.DomainMembership;
import org.dsreg.domain.HostInfo;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.KeyProtection;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.KeyStatus;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.Problem;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.RegistrationStatus;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Thumbprint;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.QueryStatusCommand;
import org.dsreg.port.out.BrokerException;
import org.dsreg.port.out.BrokerInstallation;
import org.dsreg.port.out.BrokerRegistrations;
import org.dsreg.port.out.HostFacts;
import org.dsreg.port.out.KeyIntents;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StoredPrt;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What status makes of the local state: which registrations, what was found of their keys, the problems. */
class QueryStatusServiceTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final TenantId A = TenantId.parse("aaaaaaaa-0000-0000-0000-000000000001");
    static final TenantId B = TenantId.parse("bbbbbbbb-0000-0000-0000-000000000002");
    static KeyPair key;
    static KeyPair otherKey;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        key = g.generateKeyPair();
        otherKey = g.generateKeyPair();
    }

    final List<Registration> own = new ArrayList<>();
    BrokerRegistrations.Found brokers = new BrokerRegistrations.Found(List.of(), List.of());
    List<KeyIntents.Intent> leftovers = List.of();
    java.util.function.Supplier<List<org.dsreg.port.out.StagedIdentities.Staged>> replacements = List::of;
    final Map<String, PublicKey> stored = new HashMap<>();
    RuntimeException findFailure;
    RuntimeException keyFailure;
    DomainMembership domain = new DomainMembership.NotJoined();
    RuntimeException domainFailure;

    final KeyStorage memory = new KeyStorage() {
        @Override public String name() { return "memory"; }
        @Override public KeyProtection protection() { return new KeyProtection("Memory", true, "fw 1"); }
        @Override public Optional<PublicKey> publicKey(String alias) {
            if (keyFailure != null) {
                throw keyFailure;
            }
            return Optional.ofNullable(stored.get(alias));
        }
        @Override public PublicKey generate(String alias) { throw new AssertionError("status changes nothing"); }
        @Override public byte[] sign(String a, SignatureScheme s, byte[] d) { throw new AssertionError(); }
        @Override public byte[] decrypt(String a, byte[] c) { throw new AssertionError(); }
        @Override public boolean delete(String alias) { throw new AssertionError("status changes nothing"); }
        @Override public List<String> aliases() { return List.copyOf(stored.keySet()); }
    };

    /** dsreg's PRT records by tenant, as the store would read them; the tenants status asked for. */
    final Map<TenantId, PrtRecords> prtRecords = new HashMap<>();
    final List<TenantId> prtsAsked = new ArrayList<>();
    final PrtStore prtStore = new PrtStore() {
        @Override public PrtRecords read(TenantId tenant) {
            prtsAsked.add(tenant);
            return prtRecords.getOrDefault(tenant, new PrtRecords.Known(List.of(), Optional.empty()));
        }
        @Override public List<StoredPrt> list(TenantId t) { throw new AssertionError("status reads no secret"); }
        @Override public void save(StoredPrt p) { throw new AssertionError("status changes nothing"); }
        @Override public void recordAttempt(TenantId t, PrtAttempt a) { throw new AssertionError("status changes nothing"); }
        @Override public List<StoredPrt> deleteAll(TenantId t) { throw new AssertionError("status changes nothing"); }
    };

    DeviceStatus status(Optional<TenantId> tenant) {
        RegistrationStore store = new RegistrationStore() {
            @Override public List<Registration> list() { return List.copyOf(own); }
            @Override public Optional<Registration> find(TenantId t) { throw new AssertionError(); }
            @Override public void save(Registration r) { throw new AssertionError("status changes nothing"); }
            @Override public boolean delete(TenantId t) { throw new AssertionError("status changes nothing"); }
        };
        KeyStorages storages = new KeyStorages() {
            @Override public Optional<KeyStorage> find(String name) {
                if (findFailure != null) {
                    throw findFailure;
                }
                return name.equals("memory") ? Optional.of(memory) : Optional.empty();
            }
            @Override public Set<String> names() { return Set.of("memory"); }
            @Override public List<Backend> backends() { return List.of(); }
        };
        HostFacts host = new HostFacts() {
            @Override public HostInfo host() { return new HostInfo("host-1", "Debian 12", "debian", "12"); }
            @Override public DomainMembership domainMembership() {
                if (domainFailure != null) {
                    throw domainFailure;
                }
                return domain;
            }
        };
        ScriptedUserBroker user = new ScriptedUserBroker();
        BrokerInstallation none = new BrokerInstallation() {
            @Override public boolean userBrokerInstalled() { return false; }
            @Override public boolean deviceBrokerInstalled() { return false; }
        };
        return new QueryStatusService(store, () -> brokers, storages, host, user,
                () -> {
                    throw BrokerException.unreachable("not running", null);
                },
                BrokerStatusReaderTest.units("not-found", "inactive", "dead", Optional.empty()), none,
                prtStore, Clock.fixed(NOW, ZoneOffset.UTC), () -> leftovers, replacements)
                .queryStatus(new QueryStatusCommand(tenant, Duration.ofSeconds(5)));
    }

    static Registration registration(TenantId tenant, String storage, String alias, JoinType type,
                                     RegistrationSource source, String der, PublicKey certified) {
        byte[] d = der.getBytes(StandardCharsets.US_ASCII);
        CertificateInfo cert = new CertificateInfo("CN=x", "CN=ca", "01", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(300)), Thumbprint.ofDer(d), certified.getEncoded(), d);
        return new Registration(tenant, new DeviceId(UUID.randomUUID()), type,
                source == RegistrationSource.DSREG ? Optional.of(org.dsreg.domain.DeviceMode.EXCLUSIVE) : Optional.empty(),
                cert, new KeyRef(storage, alias),
                Optional.empty(), TenantDetails.onlyId(tenant), Optional.empty(), source);
    }

    Registration ours(TenantId tenant, String der) {
        Registration r = registration(tenant, "memory", "device-" + tenant.value(), JoinType.JOINED,
                RegistrationSource.DSREG, der, key.getPublic());
        own.add(r);
        stored.put(r.deviceKey().alias(), key.getPublic());
        return r;
    }

    static KeyStatus keyOf(DeviceStatus s, int i) {
        return s.registrations().get(i).deviceKey();
    }

    @Test
    void aRegistrationWithItsKeyPresentIsHealthyAndJoined() {
        Registration r = ours(A, "cert-a");
        DeviceStatus s = status(Optional.empty());
        assertEquals(List.of(r), s.registrations().stream().map(RegistrationStatus::registration).toList());
        assertEquals(new KeyStatus.Present(new KeyProtection("Memory", true, "fw 1"), true), keyOf(s, 0));
        assertEquals(List.of(), s.problems());
        assertTrue(s.joinState().azureAdJoined());
        assertEquals(NOW, s.generatedAt());
        assertEquals("host-1", s.host().hostname());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsPresentButDoesNotMatch() {
        ours(A, "cert-a");
        stored.replaceAll((alias, k) -> otherKey.getPublic());
        DeviceStatus s = status(Optional.empty());
        assertEquals(new KeyStatus.Present(new KeyProtection("Memory", true, "fw 1"), false), keyOf(s, 0));
        assertEquals(Problem.Severity.ERROR, s.problems().get(0).severity());
    }

    @Test
    void aMissingKeyIsMissingFromItsStorage() {
        ours(A, "cert-a");
        stored.clear();
        assertEquals(new KeyStatus.Missing("memory"), keyOf(status(Optional.empty()), 0));
    }

    @Test
    void aStorageThatIsNotHereOrFailsIsUnknownWithTheReason() {
        own.add(registration(A, "hsm", "device-1", JoinType.JOINED, RegistrationSource.DSREG, "cert-a",
                key.getPublic()));
        assertEquals(new KeyStatus.Unknown("key storage 'hsm' is not available here"),
                keyOf(status(Optional.empty()), 0));

        findFailure = new KeyStorageException("the TPM is busy");
        assertEquals(new KeyStatus.Unknown("key storage 'hsm': the TPM is busy"), keyOf(status(Optional.empty()), 0));

        findFailure = null;
        own.clear();
        ours(A, "cert-a");
        keyFailure = new KeyStorageException("permission denied");
        assertEquals(new KeyStatus.Unknown("permission denied"), keyOf(status(Optional.empty()), 0));
    }

    @Test
    void theBrokersRegistrationsFollowOursUnlessTheyAreTheSameCertificate() {
        Registration mine = ours(A, "cert-a");
        Registration same = registration(A, "memory", "x", JoinType.JOINED, RegistrationSource.MICROSOFT_BROKER,
                "cert-a", key.getPublic());
        Registration theirs = registration(B, "memory", "y", JoinType.REGISTERED,
                RegistrationSource.MICROSOFT_BROKER, "cert-b", key.getPublic());
        brokers = new BrokerRegistrations.Found(List.of(same, theirs), List.of());
        DeviceStatus s = status(Optional.empty());
        assertEquals(List.of(mine, theirs), s.registrations().stream().map(RegistrationStatus::registration).toList());
        assertEquals(new KeyStatus.Unknown("held by the Microsoft identity broker"), keyOf(s, 1));
        assertTrue(s.joinState().workplaceJoined());
    }

    @Test
    void anUnreadableBrokerCertificateIsAWarningSayingWhatToDo() {
        brokers = new BrokerRegistrations.Found(List.of(), List.of("drs_1.pem: permission denied"));
        DeviceStatus s = status(Optional.empty());
        assertEquals(List.of(new Problem(Problem.Severity.WARNING,
                "A device certificate of the Microsoft identity broker could not be read: drs_1.pem: permission"
                        + " denied", Remedy.say("run dsreg as root to include the broker's device registration"))), s.problems());
    }

    @Test
    void keysOfAnUnfinishedKeyCreationAreAWarningThatTheNextChangeRemovesThem() {
        leftovers = List.of(new KeyIntents.Intent("i-1", "join", NOW, List.of(new KeyRef("memory", "device-1"))));
        DeviceStatus s = status(Optional.empty());
        assertEquals(List.of(new Problem(Problem.Severity.WARNING, "Keys from a key creation that did not complete,"
                + " or is running now (join, " + NOW + "): memory:device-1", new Remedy.NextChangeRemovesLeftovers())),
                s.problems());
    }

    @Test
    void aTenantGivenShowsOnlyThatTenantsRegistration() {
        ours(A, "cert-a");
        Registration b = ours(B, "cert-b");
        DeviceStatus s = status(Optional.of(B));
        assertEquals(List.of(b), s.registrations().stream().map(RegistrationStatus::registration).toList());
        assertEquals(2, status(Optional.empty()).registrations().size());
    }

    @Test
    void theDomainMembershipIsAskedAndAFailureIsUnknownWithTheReason() {
        domain = new DomainMembership.Joined("corp.example");
        assertEquals(Optional.of("corp.example"), status(Optional.empty()).joinState().domainName());
        domainFailure = new IllegalStateException("realmd: no such interface");
        assertEquals(new DomainMembership.Unknown("realmd: no such interface"),
                status(Optional.empty()).joinState().domain());
    }

    @Test
    void dsregsOwnRegistrationCarriesWhatThePrtStoreReadsForItsTenant() {
        ours(A, "cert-a");
        ours(B, "cert-b");
        DsregPrt prt = new DsregPrt(A, "alice@contoso.example", "0000aaaa-11bb-22cc-33dd-444444eeeeee",
                NOW.minus(Duration.ofHours(5)), Optional.of(NOW.plus(Duration.ofDays(13))), Optional.empty(), 2,
                "TPM");
        PrtAttempt attempt = new PrtAttempt(NOW.minus(Duration.ofHours(5)), PrtAttempt.Kind.ACQUIRE,
                Optional.of("alice@contoso.example"), true, Optional.of(200), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("c-1"), "https://login.example/" + A + "/oauth2/token");
        PrtRecords known = new PrtRecords.Known(List.of(prt), Optional.of(attempt));
        prtRecords.put(A, known);
        prtRecords.put(B, new PrtRecords.RootOnly());
        DeviceStatus s = status(Optional.empty());
        assertEquals(List.of(known, new PrtRecords.RootOnly()),
                s.registrations().stream().map(RegistrationStatus::prts).toList());
        assertEquals(List.of(A, B), prtsAsked);
        assertEquals(List.of(), s.problems(), "a PRT's state is shown, not a problem of the registration");
    }

    @Test
    void anUnreadablePrtFileIsShownWithWhyAndTheStatusGoesOn() {
        ours(A, "cert-a");
        prtRecords.put(A, new PrtRecords.Unreadable("prt/" + A + "/x.json is corrupt: no field 'upn'"));
        DeviceStatus s = status(Optional.empty());
        assertEquals(new PrtRecords.Unreadable("prt/" + A + "/x.json is corrupt: no field 'upn'"),
                s.registrations().get(0).prts());
        assertEquals(new KeyStatus.Present(new KeyProtection("Memory", true, "fw 1"), true), keyOf(s, 0));
    }

    @Test
    void theMicrosoftBrokersRegistrationKeepsNoDsregPrtAndTheStoreIsNotAskedForIt() {
        Registration theirs = registration(B, "memory", "y", JoinType.JOINED, RegistrationSource.MICROSOFT_BROKER,
                "cert-b", key.getPublic());
        brokers = new BrokerRegistrations.Found(List.of(theirs), List.of());
        prtRecords.put(B, new PrtRecords.Unreadable("must not be asked"));
        DeviceStatus s = status(Optional.empty());
        assertEquals(new PrtRecords.NotKept(), s.registrations().get(0).prts());
        assertEquals(List.of(), prtsAsked);
    }

    @Test
    void aTenantGivenReadsOnlyThatTenantsPrts() {
        ours(A, "cert-a");
        ours(B, "cert-b");
        status(Optional.of(B));
        assertEquals(List.of(B), prtsAsked);
    }

    @Test
    void anUnfinishedReplacementIsShownWithDsregsRegistrationOfItsTenant() {
        Registration previous = ours(A, "cert-a");
        Registration next = registration(A, "tpm", "device-new", JoinType.JOINED, RegistrationSource.DSREG,
                "cert-new", otherKey.getPublic());
        brokers = new BrokerRegistrations.Found(List.of(registration(A, "broker", "b", JoinType.REGISTERED,
                RegistrationSource.MICROSOFT_BROKER, "cert-b", otherKey.getPublic())), List.of());
        replacements = () -> List.of(new org.dsreg.port.out.StagedIdentities.Staged(previous, next,
                org.dsreg.port.out.StagedIdentities.Purpose.REKEY));
        DeviceStatus s = status(Optional.empty());
        assertEquals(Optional.of(new org.dsreg.domain.PendingReplacement(org.dsreg.domain.PendingReplacement.Kind.REKEY,
                previous.deviceId(), next.deviceId(), new KeyRef("tpm", "device-new"))),
                s.registrations().get(0).pendingReplacement());
        assertEquals(Optional.empty(), s.registrations().get(1).pendingReplacement(), "the broker's is not dsreg's");
    }

    @Test
    void replacementsAUserCannotReadAreNotShownButALinkIsRefused() {
        ours(A, "cert-a");
        java.nio.file.Path dir = java.nio.file.Path.of("/var/lib/dsreg/replacements");
        replacements = () -> {
            throw new org.dsreg.spi.state.StateTreeException(org.dsreg.spi.state.StateTreeException.Rule
                    .PERMISSION_DENIED, dir, "permission denied", null, null);
        };
        assertEquals(Optional.empty(), status(Optional.empty()).registrations().get(0).pendingReplacement());
        replacements = () -> {
            throw new org.dsreg.spi.state.StateTreeException(org.dsreg.spi.state.StateTreeException.Rule
                    .SYMBOLIC_LINK, dir, "a link", null, null);
        };
        org.junit.jupiter.api.Assertions.assertThrows(org.dsreg.spi.state.StateTreeException.class,
                () -> status(Optional.empty()));
    }
}
