package org.dsreg.application;

import static org.dsreg.application.PrtDiagnosisTest.DEV;
import static org.dsreg.application.PrtDiagnosisTest.DEVICE;
import static org.dsreg.application.PrtDiagnosisTest.NOW;
import static org.dsreg.application.PrtDiagnosisTest.OID;
import static org.dsreg.application.PrtDiagnosisTest.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.Account;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceManagement;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
import org.dsreg.domain.DomainMembership;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.HostInfo;
import org.dsreg.domain.ManagementCheck;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.GetTokenCommand;
import org.dsreg.port.in.GetTokenUseCase;
import org.dsreg.port.out.BrokerException;
import org.dsreg.port.out.BrokerRegistrations;
import org.dsreg.port.out.GraphDevices;
import org.dsreg.port.out.GraphException;
import org.dsreg.port.out.HostFacts;
import org.dsreg.port.out.PrtAccessToken;
import org.dsreg.port.out.TokenServiceException;
import org.junit.jupiter.api.Test;

/** The Device Management sections of --diagnose: the Graph token, the lookup and the verdicts. */
class ManagementDiagnosisTest {
    static final URI GRAPH = URI.create("https://graph.microsoft.us");
    static final String HOST_OS = "Debian GNU/Linux 12 (bookworm)";
    static final AccessToken TOKEN = new AccessToken("graph-token", Optional.empty(), Optional.empty());

    final PrtDiagnosisTest.Prts prts = new PrtDiagnosisTest.Prts(NOW);
    final List<GetTokenCommand> tokenCommands = new ArrayList<>();
    RuntimeException tokenFailure;
    final GetTokenUseCase tokens = command -> {
        tokenCommands.add(command);
        if (tokenFailure != null) {
            throw tokenFailure;
        }
        return new PrtAccessToken(TOKEN, Optional.empty());
    };

    /** Graph: the device it holds (none: empty), or a failure; records what it was asked. */
    Optional<DeviceManagement> device = Optional.of(device(true, true, true, HOST_OS));
    RuntimeException graphFailure;
    final List<String> asked = new ArrayList<>();
    final GraphDevices graph = (base, token, id) -> {
        asked.add(base + " " + token.token() + " " + id);
        if (graphFailure != null) {
            throw graphFailure;
        }
        return device;
    };

    final ScriptedUserBroker broker = new ScriptedUserBroker();
    List<Registration> brokerRegistrations = List.of();
    final HostFacts host = new HostFacts() {
        @Override public HostInfo host() { return new HostInfo("build-01", HOST_OS, "debian", "12"); }
        @Override public DomainMembership domainMembership() { throw new AssertionError("not asked"); }
    };

    static DeviceManagement device(boolean enabled, boolean managed, boolean compliant, String osVersion) {
        return new DeviceManagement("obj-1", Optional.of(enabled), Optional.of(managed), Optional.of(compliant),
                Optional.of("AzureAd"), Optional.of("MDM"), Optional.of(DeviceManagement.INTUNE_APP_ID),
                Optional.of(NOW.minus(Duration.ofDays(1))), Optional.of(NOW.plus(Duration.ofDays(30))),
                Optional.of("Linux"), Optional.of(osVersion));
    }

    /** The diagnosis over these fakes, reading the PRTs of {@code store}. */
    ManagementDiagnosis diagnosis(PrtDiagnosisTest.Prts store) {
        BrokerRegistrations found = () -> new BrokerRegistrations.Found(brokerRegistrations, List.of());
        return new ManagementDiagnosis(graph, tokens, store.store, broker, found, host,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    Diagnostics run(List<Registration> own) {
        return diagnosis(prts).management(own, Optional.empty(), GRAPH);
    }

    Diagnostics run() {
        return run(List.of(PrtDiagnosisTest.registration()));
    }

    static Diagnostics.Result result(Diagnostics d, String test) {
        return d.results().stream().filter(r -> r.test().equals(test)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + test + " in " + d.results()));
    }

    @Test
    void aCompliantEnabledDeviceOfThisOsPassesEveryTestWithATokenThroughThePrtOfAzureCli() {
        Diagnostics d = run();
        assertEquals(List.of(
                new Diagnostics.Result(DEV, "Device Object Test", Outcome.PASS, "Microsoft Graph has it, object id obj-1"),
                new Diagnostics.Result(DEV, "Device Enabled Test", Outcome.PASS, "enabled"),
                new Diagnostics.Result(DEV, "Compliance Test", Outcome.PASS, "compliant (Microsoft Intune), until "
                        + NOW.plus(Duration.ofDays(30))),
                new Diagnostics.Result(DEV, "OS Version Test", Outcome.PASS, "Linux " + HOST_OS + ", as this host")),
                d.results());
        assertEquals(List.of(new ManagementCheck(TENANT, DEVICE, RegistrationSource.DSREG,
                new ManagementCheck.Found(device.orElseThrow()))), d.management());
        assertEquals(List.of(new GetTokenCommand(TENANT, "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
                "00000003-0000-0000-c000-000000000000/.default", Optional.of(OID))), tokenCommands);
        assertEquals(List.of(GRAPH + " graph-token " + DEVICE), asked);
    }

    @Test
    void aDisabledDeviceFailsWithWhoCanEnableIt() {
        device = Optional.of(device(false, true, true, HOST_OS));
        Diagnostics.Result r = result(run(), "Device Enabled Test");
        assertEquals(Outcome.FAIL, r.result());
        assertTrue(r.detail().contains("disabled"), r.detail());
        assertTrue(((Remedy.Say) r.remedy().orElseThrow()).text().contains("administrator can enable it in the"
                + " Microsoft Entra admin center"));
    }

    @Test
    void aDeviceGraphDoesNotHaveFailsAndDsregsOwnIsJoinedAgain() {
        device = Optional.empty();
        Diagnostics d = run();
        assertEquals(List.of(new Diagnostics.Result(DEV, "Device Object Test", Outcome.FAIL, "Microsoft Graph has no"
                + " device with this id: an administrator deleted it, or the join never completed",
                Optional.of(new Remedy.Repair(TENANT)))), d.results());
        assertEquals(new ManagementCheck.NotFound("Microsoft Graph has no device with this id"),
                d.management().get(0).lookup());
    }

    @Test
    void aManagedNonCompliantDeviceFailsAndAnUnmanagedOneWarns() {
        device = Optional.of(device(true, true, false, HOST_OS));
        Diagnostics.Result managed = result(run(), "Compliance Test");
        assertEquals(Outcome.FAIL, managed.result());
        assertTrue(managed.detail().startsWith("not compliant with its MDM's policies (Microsoft Intune)"),
                managed.detail());
        device = Optional.of(device(true, false, false, HOST_OS));
        Diagnostics.Result unmanaged = result(run(), "Compliance Test");
        assertEquals(Outcome.WARN, unmanaged.result());
        assertTrue(unmanaged.detail().startsWith("not managed by an MDM"), unmanaged.detail());
    }

    @Test
    void anExpiredComplianceStateWarns() {
        DeviceManagement d = device(true, true, true, HOST_OS);
        device = Optional.of(new DeviceManagement(d.objectId(), d.accountEnabled(), d.managed(), d.compliant(),
                d.trustType(), d.managementType(), Optional.of("54b943f8-d761-4f8d-951e-9cea1846db5a"),
                d.approximateLastSignIn(), Optional.of(NOW.minusSeconds(1)), d.operatingSystem(),
                d.operatingSystemVersion()));
        Diagnostics.Result r = result(run(), "Compliance Test");
        assertEquals(new Diagnostics.Result(DEV, "Compliance Test", Outcome.WARN, "compliant, but the compliance"
                + " state expired " + NOW.minusSeconds(1) + " (54b943f8-d761-4f8d-951e-9cea1846db5a)",
                r.remedy()), r);
    }

    @Test
    void anOsVersionOtherThanThisHostsWarns() {
        device = Optional.of(device(true, true, true, "Debian GNU/Linux 11 (bullseye)"));
        Diagnostics.Result r = result(run(), "OS Version Test");
        assertEquals(Outcome.WARN, r.result());
        assertEquals("Entra records Linux 'Debian GNU/Linux 11 (bullseye)', this host is '" + HOST_OS + "'",
                r.detail());
    }

    @Test
    void graphsRefusalForLackOfConsentSkipsWithWhy() {
        graphFailure = new GraphException("Microsoft Graph refused the device request: HTTP 403"
                + " Authorization_RequestDenied", 403, "Authorization_RequestDenied", null);
        Diagnostics d = run();
        Diagnostics.Result r = result(d, "Device Object Test");
        assertEquals(Outcome.SKIPPED, r.result());
        assertTrue(r.detail().contains("HTTP 403 Authorization_RequestDenied"), r.detail());
        assertEquals(1, d.results().size());
        assertTrue(d.management().get(0).lookup() instanceof ManagementCheck.Skipped);
    }

    @Test
    void graphUnreachableFails() {
        graphFailure = new GraphException("the device request to graph.microsoft.us failed: refused", 0, null, null);
        Diagnostics d = run();
        assertEquals(new Diagnostics.Result(DEV, "Device Object Test", Outcome.FAIL,
                "the device request to graph.microsoft.us failed: refused"), result(d, "Device Object Test"));
        assertEquals(new ManagementCheck.Failed("the device request to graph.microsoft.us failed: refused"),
                d.management().get(0).lookup());
    }

    @Test
    void withoutAPrtThereIsNoTokenAndTheSectionIsSkippedNamingTheRefresh() {
        prts.records = new PrtRecords.Known(List.of(), Optional.empty());
        Diagnostics.Result r = result(run(), "Device Object Test");
        assertEquals(new Diagnostics.Result(DEV, "Device Object Test", Outcome.SKIPPED, "no Graph token: dsreg holds"
                + " no live PRT for this registration", Optional.of(new Remedy.RefreshPrt(TENANT))), r);
        assertEquals(List.of(), asked);
    }

    @Test
    void anExpiredPrtGivesNoToken() {
        prts.records = new PrtRecords.Known(List.of(PrtDiagnosisTest.prt("a@contoso.example", OID,
                Optional.of(NOW.minusSeconds(1)))), Optional.empty());
        assertEquals(Outcome.SKIPPED, result(run(), "Device Object Test").result());
        assertEquals(List.of(), tokenCommands);
    }

    @Test
    void notRootSkipsAsThePrtIsRootsAlone() {
        prts.records = new PrtRecords.RootOnly();
        Diagnostics.Result r = result(run(), "Device Object Test");
        assertEquals(Outcome.SKIPPED, r.result());
        assertEquals(Optional.of(new Remedy.RunAsRoot()), r.remedy());
    }

    static TokenServiceException refused(int code, String description) {
        return new TokenServiceException(ErrorKind.QUERY_FAILED, "the token service refused the access token request:"
                + " AADSTS" + code + ": " + description, Optional.of(400), Optional.of("AADSTS" + code), description,
                Optional.empty(), "corr", "https://login.example/token", null);
    }

    @Test
    void aDeviceTheTokenServiceSaysIsDisabledFailsWithoutAskingGraph() {
        tokenFailure = refused(135011, "Device used during the authentication is disabled.");
        Diagnostics d = run();
        assertEquals(List.of("Device Object Test", "Device Enabled Test"), d.results().stream()
                .map(Diagnostics.Result::test).toList());
        assertEquals(Outcome.SKIPPED, d.results().get(0).result());
        Diagnostics.Result enabled = d.results().get(1);
        assertEquals(Outcome.FAIL, enabled.result());
        assertEquals(Optional.of(Remedy.say(ManagementVerdicts.ENABLE)), enabled.remedy());
        assertTrue(d.management().get(0).lookup() instanceof ManagementCheck.Disabled dis
                && dis.reason().contains("AADSTS135011"), d.management().toString());
        assertEquals(List.of(), asked);
    }

    @Test
    void aDeviceTheTokenServiceDoesNotKnowIsMissing() {
        tokenFailure = refused(700003, "Device object was not found in the tenant directory.");
        Diagnostics d = run();
        Diagnostics.Result r = result(d, "Device Object Test");
        assertEquals(Outcome.FAIL, r.result());
        assertTrue(r.detail().startsWith("the token service does not know the device: "), r.detail());
        assertEquals(Optional.of(new Remedy.Repair(TENANT)), r.remedy());
        assertEquals(List.of(), asked);
    }

    @Test
    void aTokenRefusedSkipsWithTheServicesWords() {
        tokenFailure = new DsregException(ErrorKind.QUERY_FAILED, "the token service refused the access token"
                + " request: AADSTS65001: consent");
        Diagnostics.Result r = result(run(), "Device Object Test");
        assertEquals(Outcome.SKIPPED, r.result());
        assertTrue(r.detail().endsWith("AADSTS65001: consent"), r.detail());
    }

    Registration brokerRegistration() {
        Registration r = PrtDiagnosisTest.registration();
        return new Registration(r.tenantId(), DeviceId.parse("99992222-3333-4444-5555-666677778888"), r.joinType(),
                Optional.empty(), r.certificate(), r.deviceKey(), Optional.empty(), r.tenantDetails(),
                Optional.empty(), RegistrationSource.MICROSOFT_BROKER);
    }

    @Test
    void theBrokersRegistrationAsksTheUserBrokerSilentlyForItsTenantsAccount() {
        brokerRegistrations = List.of(brokerRegistration());
        Account other = new Account("bob@fabrikam.example", Optional.of(org.dsreg.domain.TenantId.parse(
                "99990000-0000-cccc-1111-dddd2222eeee")), "h1", Optional.empty(), Optional.empty());
        Account alice = new Account("alice@contoso.example", Optional.of(TENANT), "h2", Optional.empty(), Optional.empty());
        broker.accounts = () -> List.of(other, alice);
        broker.token = () -> TOKEN;
        Diagnostics d = run(List.of());
        assertEquals(List.of(alice), broker.tokenAccounts);
        assertEquals(new org.dsreg.port.out.TokenRequest("04b07795-8ddb-461a-bbee-02f9e1bf7b46",
                "ms-appx-web://Microsoft.AAD.BrokerPlugin/04b07795-8ddb-461a-bbee-02f9e1bf7b46",
                "https://login.microsoftonline.com/" + TENANT, List.of("00000003-0000-0000-c000-000000000000/.default")),
                broker.tokenRequests.get(0));
        assertEquals(RegistrationSource.MICROSOFT_BROKER, d.management().get(0).source());
        assertEquals(Outcome.PASS, result(d, "Device Object Test").result());
    }

    @Test
    void theBrokersMissingDeviceIsJoinedAgainThroughTheBroker() {
        brokerRegistrations = List.of(brokerRegistration());
        broker.accounts = () -> List.of(new Account("alice@contoso.example", Optional.of(TENANT), "h", Optional.empty(), Optional.empty()));
        broker.token = () -> TOKEN;
        device = Optional.empty();
        Diagnostics.Result r = result(run(List.of()), "Device Object Test");
        assertEquals(Outcome.FAIL, r.result());
        assertTrue(r.remedy().orElseThrow() instanceof Remedy.Say);
    }

    @Test
    void noBrokerOrNoAccountSkipsTheBrokersRegistration() {
        brokerRegistrations = List.of(brokerRegistration());
        broker.accounts = () -> {
            throw BrokerException.unreachable("no session bus", null);
        };
        Diagnostics.Result r = result(run(List.of()), "Device Object Test");
        assertEquals(Outcome.SKIPPED, r.result());
        assertTrue(r.detail().startsWith("no Graph token from the identity broker: no session bus"), r.detail());
        broker.accounts = List::of;
        assertEquals("no Graph token: the identity broker holds no account of tenant " + TENANT,
                result(run(List.of()), "Device Object Test").detail());
        assertEquals(List.of(), asked);
    }
}
