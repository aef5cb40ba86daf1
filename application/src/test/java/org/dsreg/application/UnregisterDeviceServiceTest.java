package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.KeyProtection;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Thumbprint;
import org.dsreg.domain.Unregistration;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.UnregisterDeviceCommand;
import org.dsreg.port.out.DeviceNotFoundException;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.JoinReply;
import org.dsreg.port.out.JoinRequest;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.junit.jupiter.api.Test;

/** What an unregistration removes, by what DRS answered the delete. */
class UnregisterDeviceServiceTest {
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static final DeviceId DEVICE = new DeviceId(UUID.fromString("00aa00aa-bb11-cc22-dd33-44ee44ee44ee"));

    /** What the fake DRS answers the delete with; null: it deletes. */
    RuntimeException answer;
    int deletes;
    final Set<String> keys = new TreeSet<>(Set.of("device-1", "transport-1"));
    final Map<TenantId, Registration> saved = new HashMap<>(Map.of(TENANT, registration()));
    final InMemoryPrtStore prts = new InMemoryPrtStore();

    @Test
    void aDeviceDrsNoLongerKnowsIsUnregisteredHere() {
        answer = new DeviceNotFoundException(ErrorKind.UNREGISTRATION_FAILED,
                "DRS has no device " + DEVICE + ": HTTP 404", 404, "DeviceNotFound", "t-1");
        Unregistration u = service().unregister(new UnregisterDeviceCommand(TENANT));
        assertTrue(u.alreadyDeletedAtDrs(), "reported as deleted at DRS already");
        assertEquals(DEVICE, u.registration().deviceId());
        assertTrue(saved.isEmpty(), "the registration is removed");
        assertTrue(keys.isEmpty(), "both keys are removed: " + keys);
        assertEquals(1, deletes);
    }

    @Test
    void theTenantsPrtsGoWithTheRegistration() {
        keys.add("prt-1");
        prts.save(RefreshPrtServiceTest.stored(TENANT, "a@contoso.example", RefreshPrtServiceTest.OID_A,
                new org.dsreg.port.out.SessionKeyRef.InStorage("memory", "prt-1")));
        assertEquals(Optional.empty(), service().unregister(new UnregisterDeviceCommand(TENANT)).prtsLeft());
        assertTrue(prts.list(TENANT).isEmpty(), "the PRT is removed");
        assertTrue(keys.isEmpty(), "its session key with the device keys: " + keys);
    }

    @Test
    void prtFilesThatCannotBeRemovedAreReportedAndTheUnregistrationStands() {
        prts.save(RefreshPrtServiceTest.stored(TENANT, "a@contoso.example", RefreshPrtServiceTest.OID_A,
                new org.dsreg.port.out.SessionKeyRef.Inline(new byte[32])));
        prts.failDeletes = true;
        Unregistration u = service().unregister(new UnregisterDeviceCommand(TENANT));
        assertEquals(Optional.of("prt/x/y is a symbolic link; not followed"), u.prtsLeft());
        assertTrue(saved.isEmpty(), "the registration is removed all the same");
        assertTrue(keys.isEmpty());
    }

    @Test
    void aRefusedUnregistrationKeepsThePrts() {
        keys.add("prt-1");
        prts.save(RefreshPrtServiceTest.stored(TENANT, "a@contoso.example", RefreshPrtServiceTest.OID_A,
                new org.dsreg.port.out.SessionKeyRef.InStorage("memory", "prt-1")));
        answer = new DrsException(ErrorKind.UNREGISTRATION_FAILED, "HTTP 403", 403, "AuthorizationError", "t", null);
        assertThrows(DsregException.class, () -> service().unregister(new UnregisterDeviceCommand(TENANT)));
        assertEquals(1, prts.list(TENANT).size());
        assertTrue(keys.contains("prt-1"), "its session key stays");
    }

    @Test
    void aDeleteDrsAcceptsIsNotReportedAsDeletedAlready() {
        Unregistration u = service().unregister(new UnregisterDeviceCommand(TENANT));
        assertFalse(u.alreadyDeletedAtDrs());
        assertTrue(saved.isEmpty());
        assertTrue(keys.isEmpty());
    }

    @Test
    void anyOtherRefusalRemovesNothing() {
        answer = new DrsException(ErrorKind.UNREGISTRATION_FAILED, "DRS refused the unregistration request: HTTP 403",
                403, "AuthorizationError", "t-2", null);
        DsregException e = assertThrows(DsregException.class,
                () -> service().unregister(new UnregisterDeviceCommand(TENANT)));
        assertEquals(ErrorKind.UNREGISTRATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertEquals(Optional.of(Remedy.say("nothing was removed locally; try again")), e.remedy());
        assertEquals(Set.of(TENANT), saved.keySet());
        assertEquals(Set.of("device-1", "transport-1"), keys);
    }

    @Test
    void aNotFoundTheServerSentWithoutOurCertificateRemovesNothing() {
        // the adapter raises a plain DrsException for a 404 the device certificate did not authenticate
        answer = new DrsException(ErrorKind.UNREGISTRATION_FAILED, "the server answered that there is no device "
                + DEVICE + " without asking for the device certificate", 404, null, null, null);
        assertEquals(ErrorKind.UNREGISTRATION_FAILED, assertThrows(DsregException.class,
                () -> service().unregister(new UnregisterDeviceCommand(TENANT))).kind());
        assertEquals(Set.of(TENANT), saved.keySet());
        assertEquals(2, keys.size());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAndRemovesNothing() {
        answer = new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the device key memory:device-1 does not match"
                + " the device certificate");
        DsregException e = assertThrows(DsregException.class,
                () -> service().unregister(new UnregisterDeviceCommand(TENANT)));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertEquals(Set.of(TENANT), saved.keySet());
        assertEquals(2, keys.size());
    }

    UnregisterDeviceService service() {
        return new UnregisterDeviceService(new Drs(), new Storages(), new Store(), () -> () -> { }, prts);
    }

    static Registration registration() {
        byte[] der = "CERT".getBytes(StandardCharsets.US_ASCII);
        CertificateInfo info = new CertificateInfo("CN=" + DEVICE, "CN=MS-Organization-Access", "1",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2036-01-01T00:00:00Z"), Thumbprint.ofDer(der),
                new byte[] {1}, der);
        TenantDetails details = new TenantDetails(TENANT, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new ServiceEndpoint("2.0", "https://drs/EnrollmentServer/device/", "urn:ms-drs:drs")),
                Optional.empty(), Optional.empty(), Optional.empty());
        return new Registration(TENANT, DEVICE, JoinType.JOINED, Optional.of(org.dsreg.domain.DeviceMode.EXCLUSIVE), info,
                new KeyRef("memory", "device-1"),
                Optional.of(new KeyRef("memory", "transport-1")), details, Optional.empty(), RegistrationSource.DSREG);
    }

    final class Drs implements DeviceRegistrationService {
        @Override public Discovery discover(String t) { throw new AssertionError("the join service is stored"); }
        @Override public Optional<String> nonce(Discovery d, AccessToken t) { throw new AssertionError(); }
        @Override public byte[] certificateRequest(KeyStorage s, String a, PublicKey k, Optional<String> n) {
            throw new AssertionError();
        }
        @Override public JoinReply join(Discovery d, AccessToken t, JoinRequest r) { throw new AssertionError(); }
        @Override public void checkDevice(ServiceEndpoint j, DeviceId d, CertificateInfo c, KeyStorage s, String a) {
            throw new AssertionError();
        }
        @Override public Probe probe(String url) { throw new AssertionError(); }
        @Override public void delete(ServiceEndpoint j, DeviceId d, CertificateInfo c, KeyStorage s, String a) {
            deletes++;
            assertEquals(DEVICE, d);
            assertEquals("device-1", a);
            if (answer != null) {
                throw answer;
            }
        }
    }

    final class Storages implements KeyStorages {
        @Override public Optional<KeyStorage> find(String name) { return Optional.of(new Keys()); }
        @Override public Set<String> names() { return Set.of("memory"); }
        @Override public List<Backend> backends() { return List.of(); }
    }

    final class Keys implements KeyStorage {
        @Override public String name() { return "memory"; }
        @Override public KeyProtection protection() { return new KeyProtection("memory", false, ""); }
        @Override public Optional<PublicKey> publicKey(String alias) { return Optional.empty(); }
        @Override public PublicKey generate(String alias) { throw new AssertionError(); }
        @Override public byte[] sign(String alias, SignatureScheme scheme, byte[] data) { throw new AssertionError(); }
        @Override public byte[] decrypt(String alias, byte[] ciphertext) { throw new AssertionError(); }
        @Override public boolean delete(String alias) { return keys.remove(alias); }
        @Override public boolean deleteSessionKey(String alias) { return keys.remove(alias); }
        @Override public List<String> aliases() { return List.copyOf(keys); }
    }

    final class Store implements RegistrationStore {
        @Override public List<Registration> list() { return List.copyOf(saved.values()); }
        @Override public Optional<Registration> find(TenantId t) { return Optional.ofNullable(saved.get(t)); }
        @Override public void save(Registration r) { throw new AssertionError("an unregistration saves nothing"); }
        @Override public boolean delete(TenantId t) { return saved.remove(t) != null; }
    }
}
