package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
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
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
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
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.AcquireDrsTokenUseCase;
import org.dsreg.port.in.DiagnoseCommand;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.JoinReply;
import org.dsreg.port.out.JoinRequest;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each diagnostic says PASS, FAIL with the reason, or SKIPPED with why; none is silently dropped. */
class DiagnoseServiceTest {
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static final DeviceId DEVICE = DeviceId.parse("11112222-3333-4444-5555-666677778888");
    static final String JOIN_URL = "https://drs.example/EnrollmentServer/device/";
    static KeyPair deviceKey;
    static KeyPair otherKey;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024); // small keys keep the test fast; the size is the adapter's business
        deviceKey = g.generateKeyPair();
        otherKey = g.generateKeyPair();
    }

    // --- the ports, scripted ----------------------------------------------------------------------

    Discovery discovery = new Discovery(details(true), Optional.empty(), "drs.example");
    RuntimeException discoveryFailure;
    RuntimeException probeFailure;
    DeviceRegistrationService.Probe probe = new DeviceRegistrationService.Probe(200, Optional.of(NOW));
    RuntimeException tokenFailure;
    RuntimeException checkFailure;
    boolean disabled;
    final List<DeviceId> checked = new ArrayList<>();

    final DeviceRegistrationService drs = new DeviceRegistrationService() {
        @Override public Discovery discover(String tenant) {
            if (discoveryFailure != null) {
                throw discoveryFailure;
            }
            return discovery;
        }
        @Override public Optional<String> nonce(Discovery d, AccessToken t) { throw new AssertionError("diagnose never joins"); }
        @Override public byte[] certificateRequest(KeyStorage s, String a, PublicKey k, Optional<String> n) {
            throw new AssertionError("diagnose never joins");
        }
        @Override public JoinReply join(Discovery d, AccessToken t, JoinRequest r) {
            throw new AssertionError("diagnose never joins");
        }
        @Override public void delete(ServiceEndpoint j, DeviceId d, CertificateInfo c, KeyStorage s, String a) {
            throw new AssertionError("diagnose never deletes");
        }
        @Override public void checkDevice(ServiceEndpoint j, DeviceId d, CertificateInfo c, KeyStorage s, String a) {
            checked.add(d);
            if (checkFailure != null) {
                throw checkFailure;
            }
        }
        @Override public DeviceObject readDevice(ServiceEndpoint j, DeviceId d, CertificateInfo c, KeyStorage s,
                                                 String a) {
            checkDevice(j, d, c, s, a);
            return new DeviceObject(Optional.of(!disabled), Optional.empty());
        }
        @Override public Probe probe(String url) {
            if (probeFailure != null) {
                throw probeFailure;
            }
            return probe;
        }
    };

    final AcquireDrsTokenUseCase broker = c -> {
        if (tokenFailure != null) {
            throw tokenFailure;
        }
        return new AccessToken("t", Optional.empty(), Optional.of(AcquireDrsTokenUseCase.DRS_AUDIENCE));
    };

    final Map<TenantId, Registration> saved = new LinkedHashMap<>();
    boolean readOnly;
    final RegistrationStore store = new RegistrationStore() {
        @Override public List<Registration> list() { return List.copyOf(saved.values()); }
        @Override public Optional<Registration> find(TenantId t) { return Optional.ofNullable(saved.get(t)); }
        @Override public void save(Registration r) {
            if (readOnly) {
                throw new DsregException(ErrorKind.INSUFFICIENT_PERMISSIONS, "read-only");
            }
            saved.put(r.tenantId(), r);
        }
        @Override public boolean delete(TenantId t) { return saved.remove(t) != null; }
    };

    /** The device key's storage: signs with whatever key pair is there under the alias. */
    final Map<String, KeyPair> stored = new HashMap<>();
    boolean badSignatures;
    final KeyStorage memory = new KeyStorage() {
        @Override public String name() { return "memory"; }
        @Override public KeyProtection protection() { return new KeyProtection("Memory Provider", false, ""); }
        @Override public Optional<PublicKey> publicKey(String alias) {
            return Optional.ofNullable(stored.get(alias)).map(KeyPair::getPublic);
        }
        @Override public PublicKey generate(String alias) { throw new AssertionError(); }
        @Override public byte[] sign(String alias, SignatureScheme scheme, byte[] data) {
            try {
                Signature s = Signature.getInstance("SHA256withRSA");
                PrivateKey k = stored.get(alias).getPrivate();
                s.initSign(k);
                s.update(badSignatures ? new byte[] {0} : data);
                return s.sign();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        @Override public byte[] decrypt(String alias, byte[] c) { throw new AssertionError(); }
        @Override public boolean delete(String alias) { throw new AssertionError("diagnose never deletes"); }
        @Override public List<String> aliases() { return List.copyOf(stored.keySet()); }
    };
    boolean storageMissing;
    final KeyStorages storages = new KeyStorages() {
        @Override public Optional<KeyStorage> find(String name) {
            return storageMissing || !name.equals("memory") ? Optional.empty() : Optional.of(memory);
        }
        @Override public Set<String> names() { return Set.of("memory"); }
        @Override public List<Backend> backends() { return List.of(); }
    };

    /** Every request goes direct; ProxyDiagnosisTest has the proxies. */
    final org.dsreg.port.out.ProxyRoutes directRoutes = new org.dsreg.port.out.ProxyRoutes() {
        @Override public Route route(String url) { return new Route(false, "direct (no proxy variable is set)"); }
        @Override public void openTunnel(String url) { throw new AssertionError("no tunnel on a direct route"); }
    };

    org.dsreg.port.out.ProxyRoutes routes = directRoutes;

    /** One PRT, renewed when asked; PrtDiagnosisTest has the rest. */
    final PrtDiagnosisTest.Prts prts = new PrtDiagnosisTest.Prts(NOW);

    /** The Intune agent's units and files (IntuneAgentDiagnosisTest has its rows): none here. */
    final IntuneAgentDiagnosisTest.Units intuneUnits = new IntuneAgentDiagnosisTest.Units();

    Diagnostics diagnose(Optional<TenantId> tenant) {
        return new DiagnoseService(drs, broker, store, storages, prts.store, prts.refresh, Clock.fixed(NOW, ZoneOffset.UTC),
                URI.create("https://drs.example"), routes, management(), intuneUnits, List::of)
                .diagnose(new DiagnoseCommand(tenant));
    }

    /** Graph has the device, compliant (ManagementDiagnosisTest has the Device Management sections). */
    ManagementDiagnosis management() {
        return new ManagementDiagnosisTest().diagnosis(prts);
    }

    /** The results but the host's (the Intune agent's, always last). */
    static List<Diagnostics.Result> dsregRows(Diagnostics d) {
        List<Diagnostics.Result> all = d.results();
        assertEquals(List.of("host", "host", "host"), all.subList(all.size() - 3, all.size()).stream()
                .map(Diagnostics.Result::scope).toList());
        return all.subList(0, all.size() - 3);
    }

    static TenantDetails details(boolean withJoinService) {
        return new TenantDetails(TENANT, Optional.of("contoso.example"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                withJoinService ? Optional.of(new ServiceEndpoint("2.0", JOIN_URL, "urn:ms-drs:drs.example"))
                        : Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    Registration register(TenantDetails details, Instant notBefore, Instant notAfter) {
        byte[] der = ("cert-" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII);
        CertificateInfo cert = new CertificateInfo("CN=" + DEVICE, "CN=MS-Organization-Access", "01", notBefore,
                notAfter, Thumbprint.ofDer(der), deviceKey.getPublic().getEncoded(), der);
        Registration r = new Registration(TENANT, DEVICE, JoinType.JOINED, Optional.of(org.dsreg.domain.DeviceMode.EXCLUSIVE), cert,
                new KeyRef("memory", "device-1"),
                Optional.empty(), details, Optional.of(NOW.minus(Duration.ofDays(10))), RegistrationSource.DSREG);
        saved.put(TENANT, r);
        stored.put("device-1", deviceKey);
        return r;
    }

    Registration registered() {
        return register(details(true), NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(355)));
    }

    static Diagnostics.Result result(Diagnostics d, String test) {
        return d.results().stream().filter(r -> r.test().equals(test)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + test + " in " + d));
    }

    static void assertResult(Diagnostics d, String test, Outcome outcome, String detail) {
        Diagnostics.Result r = result(d, test);
        assertEquals(outcome, r.result(), test + ": " + r.detail());
        assertTrue(r.detail().startsWith(detail), test + ": " + r.detail());
    }

    // --- the tests --------------------------------------------------------------------------------

    @Test
    void withoutARegistrationOrATenantOnlyTheProxySettingsAreTested() {
        Diagnostics d = diagnose(Optional.empty());
        assertEquals(List.of(new Diagnostics.Result("pre-join", "DRS Discovery Test", Outcome.SKIPPED,
                "no tenant to test: this device is not registered", Optional.of(new Remedy.GiveTenant())),
                new Diagnostics.Result("pre-join", "Proxy Settings", Outcome.PASS,
                        "DRS discovery https://drs.example: direct (no proxy variable is set)")), dsregRows(d));
        assertEquals(Optional.of(false), d.intuneAgent().map(org.dsreg.domain.IntuneAgent::installed));
    }

    @Test
    void aMalformedProxyVariableFailsProxySettingsEvenWithoutATenant() {
        routes = new org.dsreg.port.out.ProxyRoutes() {
            @Override public Route route(String url) {
                throw DsregException.invalidArgument("the proxy in https_proxy is not usable: bad port");
            }
            @Override public void openTunnel(String url) { throw new AssertionError("no route, no tunnel"); }
        };
        assertResult(diagnose(Optional.empty()), "Proxy Settings", Outcome.FAIL,
                "DRS discovery https://drs.example: FAILED: the proxy in https_proxy is not usable: bad port");
    }

    @Test
    void aHealthyRegistrationPassesEveryTestInOrder() {
        registered();
        Diagnostics d = diagnose(Optional.empty());
        String t = "tenant " + TENANT;
        String dev = "device " + DEVICE;
        String account = dev + ", account " + PrtDiagnosisTest.UPN;
        assertEquals(List.of(t, t, t, t, t, dev, dev, dev, dev, dev, account, account, dev, dev, dev, dev),
                dsregRows(d).stream().map(Diagnostics.Result::scope).toList());
        assertEquals(List.of("DRS Discovery Test", "DRS Connectivity Test", "Clock Skew Test",
                "Token Acquisition Test", "Proxy Settings", "Certificate Validity Test", "Device Key Present Test",
                "KeySignTest", "DeviceAuthStatus", "PRT Present Test", "PRT Expiry Test", "PRT Renewal Test",
                "Device Object Test", "Device Enabled Test", "Compliance Test", "OS Version Test"),
                dsregRows(d).stream().map(Diagnostics.Result::test).toList());
        assertTrue(dsregRows(d).stream().allMatch(r -> r.result() == Outcome.PASS), d.toString());
        assertResult(d, "DRS Discovery Test", Outcome.PASS, "tenant contoso.example, join service " + JOIN_URL);
        assertResult(d, "DRS Connectivity Test", Outcome.PASS, "HTTPS to drs.example answered HTTP 200");
        assertResult(d, "Clock Skew Test", Outcome.PASS, "this clock is 0 s ahead of DRS");
        assertResult(d, "Token Acquisition Test", Outcome.PASS, "the identity broker gave a DRS token");
        assertResult(d, "Proxy Settings", Outcome.PASS, "DRS discovery https://drs.example: direct (no proxy variable"
                + " is set); join service " + JOIN_URL + ": direct (no proxy variable is set)");
        assertResult(d, "Certificate Validity Test", Outcome.PASS, "valid until " + NOW.plus(Duration.ofDays(355))
                + " (355 days left)");
        assertResult(d, "Device Key Present Test", Outcome.PASS, "memory:device-1 in Memory Provider");
        assertResult(d, "KeySignTest", Outcome.PASS, "PASSED");
        assertResult(d, "DeviceAuthStatus", Outcome.PASS, "SUCCESS");
        assertEquals(List.of(DEVICE), checked);
        assertEquals(List.of(TENANT), prts.renewed.stream().map(org.dsreg.port.in.RefreshPrtCommand::tenant).toList());
    }

    @Test
    void aTenantGivenIsTestedWithoutARegistrationAndOnlyThatTenantsRegistrationsAreTested() {
        registered();
        TenantId other = TenantId.parse("99998888-7777-6666-5555-444433332222");
        Diagnostics d = diagnose(Optional.of(other));
        assertTrue(dsregRows(d).stream().allMatch(r -> r.scope().equals("tenant " + other)), d.toString());
        assertEquals(5, dsregRows(d).size());
        assertEquals(List.of(), checked);
    }

    @Test
    void aFailedDiscoverySkipsWhatNeedsItAndSaysWhy() {
        discoveryFailure = new DrsException(ErrorKind.QUERY_FAILED, "DRS refused the discovery request: HTTP 500",
                500, null, null, null);
        Diagnostics d = diagnose(Optional.of(TENANT));
        assertResult(d, "DRS Discovery Test", Outcome.FAIL, "DRS refused the discovery request: HTTP 500");
        assertResult(d, "DRS Connectivity Test", Outcome.SKIPPED, "discovery did not name a join service");
        assertResult(d, "Clock Skew Test", Outcome.SKIPPED, "no DRS to compare with");
    }

    @Test
    void anUnreachableJoinServiceFailsConnectivity() {
        probeFailure = new DrsException(ErrorKind.QUERY_FAILED, "cannot reach drs.example: timeout", 0, null, null,
                null);
        Diagnostics d = diagnose(Optional.of(TENANT));
        assertResult(d, "DRS Connectivity Test", Outcome.FAIL, "cannot reach drs.example: timeout");
        assertResult(d, "Clock Skew Test", Outcome.SKIPPED, "DRS could not be reached");
    }

    @Test
    void noDateHeaderSkipsTheClockSkewTest() {
        probe = new DeviceRegistrationService.Probe(404, Optional.empty());
        Diagnostics d = diagnose(Optional.of(TENANT));
        assertResult(d, "DRS Connectivity Test", Outcome.PASS, "HTTPS to drs.example answered HTTP 404");
        assertResult(d, "Clock Skew Test", Outcome.SKIPPED, "DRS sent no Date header");
    }

    @Test
    void fiveMinutesOfSkewPassAndOneSecondMoreFails() {
        probe = new DeviceRegistrationService.Probe(200, Optional.of(NOW.minus(DiagnoseService.MAX_SKEW)));
        assertResult(diagnose(Optional.of(TENANT)), "Clock Skew Test", Outcome.PASS,
                "this clock is 5 min 0 s ahead of DRS");
        probe = new DeviceRegistrationService.Probe(200, Optional.of(NOW.plus(DiagnoseService.MAX_SKEW)
                .plusSeconds(1)));
        assertResult(diagnose(Optional.of(TENANT)), "Clock Skew Test", Outcome.FAIL,
                "this clock is 5 min 1 s behind DRS (at most 5 min pass; check timedatectl and NTP)");
    }

    @Test
    void durationsAreDescribedInTheirLargestUsefulUnit() {
        assertEquals("0 s", DiagnoseService.describe(Duration.ZERO));
        assertEquals("59 s", DiagnoseService.describe(Duration.ofSeconds(59)));
        assertEquals("1 min 0 s", DiagnoseService.describe(Duration.ofSeconds(60)));
        assertEquals("59 min 59 s", DiagnoseService.describe(Duration.ofSeconds(3599)));
        assertEquals("1 h 0 min", DiagnoseService.describe(Duration.ofSeconds(3600)));
        assertEquals("47 h 59 min", DiagnoseService.describe(Duration.ofSeconds(2 * 86400 - 1)));
        assertEquals("2 days", DiagnoseService.describe(Duration.ofDays(2)));
        assertEquals("3 days", DiagnoseService.describe(Duration.ofDays(3).plusHours(23)));
    }

    @Test
    void noBrokerSkipsTheTokenTestAndARefusalFailsIt() {
        tokenFailure = new DsregException(ErrorKind.NOT_AVAILABLE, "no session bus");
        assertResult(diagnose(Optional.of(TENANT)), "Token Acquisition Test", Outcome.SKIPPED,
                "no identity broker to ask: no session bus");
        tokenFailure = new DsregException(ErrorKind.QUERY_FAILED, "invalid_grant");
        assertResult(diagnose(Optional.of(TENANT)), "Token Acquisition Test", Outcome.FAIL, "invalid_grant");
    }

    @Test
    void changedTenantDetailsAreStoredWhenTheyCanBe() {
        Registration r = register(details(false), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100)));
        diagnose(Optional.empty());
        assertEquals(discovery.details(), saved.get(TENANT).tenantDetails());
        assertEquals(r.certificate(), saved.get(TENANT).certificate());
        assertEquals(r.deviceKey(), saved.get(TENANT).deviceKey());

        register(details(false), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100)));
        readOnly = true;
        Diagnostics d = diagnose(Optional.empty());
        assertEquals(details(false), saved.get(TENANT).tenantDetails(), "read-only: nothing stored");
        assertResult(d, "DRS Discovery Test", Outcome.PASS, "tenant contoso.example");
    }

    @Test
    void unchangedTenantDetailsAreNotWrittenAgain() {
        registered();
        Registration before = saved.get(TENANT);
        diagnose(Optional.empty());
        assertTrue(before == saved.get(TENANT), "the same registration object: nothing was saved");
    }

    @Test
    void anExpiredOrNotYetValidCertificateFails() {
        register(details(true), NOW.minus(Duration.ofDays(400)), NOW.minusSeconds(1));
        assertResult(diagnose(Optional.empty()), "Certificate Validity Test", Outcome.FAIL,
                "expired " + NOW.minusSeconds(1));
        register(details(true), NOW.plusSeconds(60), NOW.plus(Duration.ofDays(300)));
        assertResult(diagnose(Optional.empty()), "Certificate Validity Test", Outcome.FAIL,
                "not valid before " + NOW.plusSeconds(60) + " (check the clock)");
    }

    /** What --repair is for (an expired or expiring certificate, a device DRS deleted) names it; disabled does not. */
    @Test
    void theRemedyOfWhatARepairMendsIsTheRepair() {
        Optional<Remedy> repair = Optional.of(new Remedy.Repair(TENANT));
        register(details(true), NOW.minus(Duration.ofDays(400)), NOW.minusSeconds(1));
        assertEquals(repair, result(diagnose(Optional.empty()), "Certificate Validity Test").remedy(), "expired");
        register(details(true), NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(29)));
        Diagnostics.Result soon = result(diagnose(Optional.empty()), "Certificate Validity Test");
        assertEquals(Outcome.WARN, soon.result());
        assertEquals("valid until " + NOW.plus(Duration.ofDays(29)) + " (29 days left): it expires within 30 days",
                soon.detail());
        assertEquals(repair, soon.remedy());
        register(details(true), NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(31)));
        assertEquals(Outcome.PASS, result(diagnose(Optional.empty()), "Certificate Validity Test").result());

        checkFailure = new org.dsreg.port.out.DeviceNotFoundException(ErrorKind.QUERY_FAILED, "HTTP 404 DeviceNotFound",
                404, "DeviceNotFound", null);
        Diagnostics.Result deleted = result(diagnose(Optional.empty()), "DeviceAuthStatus");
        assertEquals(Outcome.FAIL, deleted.result());
        assertEquals(repair, deleted.remedy());
        checkFailure = new DrsException(ErrorKind.QUERY_FAILED, "HTTP 403", 403, null, null, null);
        assertEquals(Optional.empty(), result(diagnose(Optional.empty()), "DeviceAuthStatus").remedy(),
                "disabled or refused: not what a repair is for");
        checkFailure = null;
        disabled = true;
        Diagnostics.Result off = result(diagnose(Optional.empty()), "DeviceAuthStatus");
        assertEquals(Optional.empty(), off.remedy());
        assertTrue(off.detail().contains("an administrator can enable it in the Microsoft Entra admin center"),
                off.detail());
    }

    @Test
    void aMissingStorageOrKeySkipsTheTestsThatNeedIt() {
        registered();
        storageMissing = true;
        Diagnostics d = diagnose(Optional.empty());
        assertResult(d, "Device Key Present Test", Outcome.FAIL, "key storage 'memory' is not available here");
        assertResult(d, "KeySignTest", Outcome.SKIPPED, "no key storage");
        assertResult(d, "DeviceAuthStatus", Outcome.SKIPPED, "no key storage");

        storageMissing = false;
        stored.clear();
        d = diagnose(Optional.empty());
        assertResult(d, "Device Key Present Test", Outcome.FAIL, "no key memory:device-1 in its storage");
        assertResult(d, "KeySignTest", Outcome.SKIPPED, "no usable device key");
        assertResult(d, "DeviceAuthStatus", Outcome.SKIPPED, "no usable device key");
        assertEquals(List.of(), checked, "DRS is not asked without a usable key");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsNotUsed() {
        registered();
        stored.put("device-1", otherKey);
        Diagnostics d = diagnose(Optional.empty());
        assertResult(d, "Device Key Present Test", Outcome.FAIL, "the key memory:device-1 is not the certificate's");
        assertResult(d, "KeySignTest", Outcome.SKIPPED, "no usable device key");
        assertEquals(List.of(), checked);
    }

    @Test
    void aSignatureThatDoesNotVerifyFailsKeySignTest() {
        registered();
        badSignatures = true;
        assertResult(diagnose(Optional.empty()), "KeySignTest", Outcome.FAIL,
                "the signature does not verify with the certificate's key");
    }

    @Test
    void deviceAuthSaysDisabledOrDeletedForTheStatusesThatMeanIt() {
        registered();
        for (int status : new int[] {401, 403, 404}) {
            checkFailure = new DrsException(ErrorKind.QUERY_FAILED, "HTTP " + status, status, null, null, null);
            assertResult(diagnose(Optional.empty()), "DeviceAuthStatus", Outcome.FAIL,
                    "FAILED. Device is either disabled or deleted (HTTP " + status + ")");
        }
        checkFailure = new DrsException(ErrorKind.QUERY_FAILED, "HTTP 500", 500, null, null, null);
        assertResult(diagnose(Optional.empty()), "DeviceAuthStatus", Outcome.FAIL, "FAILED. ERROR: HTTP 500");
        checkFailure = new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the device key is missing");
        assertResult(diagnose(Optional.empty()), "DeviceAuthStatus", Outcome.FAIL,
                "FAILED. ERROR: the device key is missing");
    }

    @Test
    void deviceAuthFailsForADeviceDrsSaysIsDisabled() {
        registered();
        disabled = true;
        assertResult(diagnose(Optional.empty()), "DeviceAuthStatus", Outcome.FAIL,
                "FAILED. Device is either disabled or deleted (DRS says device");
    }

    @Test
    void aRegistrationWithoutAJoinServiceSkipsDeviceAuth() {
        register(details(false), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100)));
        readOnly = true;
        discoveryFailure = new DsregException(ErrorKind.QUERY_FAILED, "offline");
        assertResult(diagnose(Optional.empty()), "DeviceAuthStatus", Outcome.SKIPPED,
                "the registration names no join service");
        assertEquals(List.of(), checked);
    }
}
