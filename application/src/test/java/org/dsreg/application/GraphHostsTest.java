package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.BrokerRegistrations;
import org.junit.jupiter.api.Test;

/**
 * Where the Device Management section may send a Graph token: Microsoft Graph of Microsoft's clouds, or a host (and
 * port) of the tenant's own device registration service as discovery named it at join; anything else is a usage
 * error ({@code INVALID_ARGUMENTS}, exit 1) before any token is asked for.
 */
class GraphHostsTest {
    static final TenantId TENANT = PrtDiagnosisTest.TENANT;
    static final TenantId OTHER = TenantId.parse("11112222-3333-4444-5555-666677778888");

    /** dsreg's registration of {@code tenant}, its join service at {@code joinUrl} (none: empty). */
    static Registration registration(TenantId tenant, Optional<String> joinUrl, RegistrationSource source) {
        Registration r = PrtDiagnosisTest.registration();
        TenantDetails details = new TenantDetails(tenant, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                joinUrl.map(u -> new ServiceEndpoint("2.0", u, "urn:ms-drs:enterpriseregistration.windows.net")),
                Optional.empty(), Optional.empty(), Optional.empty());
        return new Registration(tenant, r.deviceId(), r.joinType(), r.deviceMode(), r.certificate(), r.deviceKey(),
                r.transportKey(), details, r.registeredAt(), source);
    }

    static Registration ours(String joinUrl) {
        return registration(TENANT, Optional.of(joinUrl), RegistrationSource.DSREG);
    }

    static DsregException refused(String url, List<Registration> checked, List<Registration> own) {
        DsregException e = assertThrows(DsregException.class, () -> GraphHosts.check(URI.create(url), checked, own));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void microsoftGraphOfEveryCloudIsAcceptedWhateverIsRegistered() {
        for (String url : List.of("https://graph.microsoft.com", "https://graph.microsoft.us/",
                "https://dod-graph.microsoft.us", "https://microsoftgraph.chinacloudapi.cn", "https://GRAPH.microsoft.com",
                "https://graph.microsoft.com:443")) {
            GraphHosts.check(URI.create(url), List.of(), List.of());
            assertTrue(GraphHosts.isMicrosoftGraph(URI.create(url)), url);
        }
    }

    @Test
    void theHostOfTheTenantsOwnDeviceRegistrationServiceIsAccepted() {
        Registration r = ours("https://127.0.0.1:8443/EnrollmentServer/device/");
        GraphHosts.check(URI.create("https://127.0.0.1:8443"), List.of(r), List.of(r));
        Registration real = ours("https://enterpriseregistration.windows.net/EnrollmentServer/device/");
        GraphHosts.check(URI.create("https://EnterpriseRegistration.windows.net:443/graph"), List.of(real),
                List.of(real));
    }

    @Test
    void anyOtherHostIsRefusedNamingWhatIsAccepted() {
        Registration r = ours("https://127.0.0.1:8443/EnrollmentServer/device/");
        DsregException e = refused("https://graph.example.org", List.of(r), List.of(r));
        assertEquals("the Graph URL https://graph.example.org is neither Microsoft Graph (dod-graph.microsoft.us,"
                + " graph.microsoft.com, graph.microsoft.us, microsoftgraph.chinacloudapi.cn) nor a host of the device"
                + " registration service of tenant " + TENANT + ": a Graph token is sent to no other host",
                e.getMessage());
        refused("https://127.0.0.1:9443", List.of(r), List.of(r)); // another port of that host: another service
        refused("https://127.0.0.1", List.of(r), List.of(r));
        refused("https://graph.microsoft.com:8443", List.of(r), List.of(r));
        refused("https://graph.microsoft.com.example.org", List.of(r), List.of(r));
        refused("https://login.microsoftonline.com", List.of(r), List.of(r));
    }

    @Test
    void withoutARegistrationNoOtherHostIsAccepted() {
        Registration noEndpoints = registration(TENANT, Optional.empty(), RegistrationSource.DSREG);
        refused("https://127.0.0.1:8443", List.of(noEndpoints), List.of(noEndpoints));
        DsregException none = refused("https://127.0.0.1:8443", List.of(), List.of());
        assertTrue(none.getMessage().contains("nor a host of a registered tenant's device registration service"
                + " (nothing here is registered)"), none.getMessage());
    }

    @Test
    void aTokenOfOneTenantGoesToNoOtherTenantsDeviceRegistrationService() {
        Registration a = ours("https://127.0.0.1:8443/EnrollmentServer/device/");
        Registration b = registration(OTHER, Optional.of("https://drs.example.org/EnrollmentServer/device/"),
                RegistrationSource.DSREG);
        DsregException e = refused("https://127.0.0.1:8443", List.of(a, b), List.of(a, b));
        assertTrue(e.getMessage().contains("of tenant " + OTHER + ":"), e.getMessage());
        // the Microsoft broker's registration of a tenant is looked up at the host of dsreg's registration of it
        Registration brokers = registration(TENANT, Optional.empty(), RegistrationSource.MICROSOFT_BROKER);
        GraphHosts.check(URI.create("https://127.0.0.1:8443"), List.of(a, brokers), List.of(a));
        refused("https://127.0.0.1:8443", List.of(brokers), List.of(brokers)); // the broker's records no endpoint
    }

    @Test
    void theDiagnosisRefusesTheUrlBeforeAnyTokenIsAskedFor() {
        List<String> asked = new ArrayList<>();
        ManagementDiagnosis diagnosis = new ManagementDiagnosis((base, token, id) -> {
            asked.add("graph");
            return Optional.empty();
        }, command -> {
            asked.add("token");
            throw new AssertionError("no token is asked for");
        }, new PrtDiagnosisTest.Prts(PrtDiagnosisTest.NOW).store, new ScriptedUserBroker(),
                () -> new BrokerRegistrations.Found(List.of(), List.of()), null,
                Clock.fixed(PrtDiagnosisTest.NOW, ZoneOffset.UTC));
        Registration r = ours("https://127.0.0.1:8443/EnrollmentServer/device/");
        URI elsewhere = URI.create("https://graph.example.org");
        assertEquals(ErrorKind.INVALID_ARGUMENTS, assertThrows(DsregException.class,
                () -> diagnosis.checkGraphUrl(List.of(r), Optional.empty(), elsewhere)).kind());
        assertEquals(ErrorKind.INVALID_ARGUMENTS, assertThrows(DsregException.class,
                () -> diagnosis.management(List.of(r), Optional.empty(), elsewhere)).kind());
        assertEquals(List.of(), asked);
    }
}
