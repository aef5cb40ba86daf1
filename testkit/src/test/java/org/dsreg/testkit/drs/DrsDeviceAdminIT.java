package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.PrtTestClient.acquirePayload;
import static org.dsreg.testkit.drs.PrtTestClient.assertAadError;
import static org.dsreg.testkit.drs.PrtTestClient.hs256;
import static org.dsreg.testkit.drs.PrtTestClient.renewPayload;
import static org.dsreg.testkit.drs.PrtTestClient.rs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.dsreg.testkit.drs.DrsPrtIT.Acquired;
import org.dsreg.testkit.drs.DrsTestSupport.Joined;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator's console ({@link DeviceAdmin}) and what the emulator answers after it, over loopback HTTPS. */
@ExtendWith(DrsEmulatorExtension.class)
class DrsDeviceAdminIT {
    private static final String UPN = "alice@contoso.example";
    private static final String DISABLED = "AADSTS135011: Device used during the authentication is disabled.";

    static HttpResponse<String> acquire(DrsEmulator drs, PrtTestClient client, Joined device)
            throws Exception {
        return client.grant(rs256(acquirePayload(client.nonce(), drs.issueRefreshToken(UPN,
                DrsEmulator.BROKER_CLIENT_ID)), device.key().getPrivate(), device.certificate(), true));
    }

    /** The device's own GET, authenticated by its certificate, as dsreg's DeviceAuthStatus sends it. */
    static HttpResponse<String> deviceGet(DrsEmulator drs, Joined device) throws Exception {
        return DrsTestSupport.get(DrsTestSupport.client(drs, device.key(), device.certificate()),
                drs.baseUrl() + "/EnrollmentServer/device/" + device.deviceId() + "?api-version=1.0");
    }

    @Test
    void aDisabledDeviceGets135011ForItsFirstPrtUntilEnabledAgain(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        drs.admin().disable(device.deviceId());
        assertFalse(drs.admin().management(device.deviceId()).accountEnabled());
        JsonNode e = assertAadError(acquire(drs, client, device), "invalid_grant", 135011);
        assertTrue(e.path("error_description").asText().startsWith(DISABLED), e.toString());
        assertTrue(drs.prts().isEmpty());

        drs.admin().enable(device.deviceId());
        assertTrue(drs.admin().management(device.deviceId()).accountEnabled());
        HttpResponse<String> ok = acquire(drs, client, device);
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    void aPrtOfADeviceDisabledSinceIsRefused135011ForRenewalAndAccessTokens(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Acquired a = DrsPrtIT.acquire(drs, client, false);
        drs.admin().disable(a.device().deviceId());
        assertAadError(client.grant(hs256(renewPayload(client.nonce(), a.prt()), a.sessionKey(), true)),
                "invalid_grant", 135011);
        var graph = DrsTestSupport.JSON.createObjectNode().put("client_id", PrtTestClient.RENEW_CLIENT)
                .put("scope", "https://graph.microsoft.com/.default").put("request_nonce", client.nonce())
                .put("refresh_token", a.prt()).put("grant_type", "refresh_token");
        JsonNode e = assertAadError(client.grant(hs256(graph, a.sessionKey(), false)), "invalid_grant", 135011);
        assertTrue(e.path("error_description").asText().startsWith(DISABLED), e.toString());
        assertEquals(0, drs.prtRenewals());
    }

    @Test
    void aDeletedDeviceKeepsAnswering700003AndNotFoundEvenWhenDisabledBefore(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        drs.admin().disable(device.deviceId());
        drs.admin().delete(device.deviceId());
        assertTrue(drs.devices().get(device.deviceId()).deleted());
        assertAadError(acquire(drs, client, device), "invalid_grant", 700003);
        DrsTestSupport.assertDrsError(deviceGet(drs, device), 404, "deleted already");
        assertThrows(IllegalArgumentException.class, () -> drs.admin().delete(device.deviceId()));
        assertThrows(IllegalArgumentException.class, () -> drs.admin().enable(device.deviceId()));
        assertFalse(drs.forgetDevice(device.deviceId()));
    }

    @Test
    void theDeviceGetSaysEnabledFalseForADisabledDevice(DrsEmulator drs) throws Exception {
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        JsonNode before = DrsTestSupport.json(deviceGet(drs, device));
        assertTrue(before.path("Enabled").isBoolean() && before.path("Enabled").asBoolean(), before.toString());
        assertEquals(device.deviceId(), before.path("DeviceId").asText());

        drs.admin().disable(device.deviceId().toUpperCase(java.util.Locale.ROOT));
        HttpResponse<String> r = deviceGet(drs, device);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode disabled = DrsTestSupport.json(r);
        assertTrue(disabled.path("Enabled").isBoolean() && !disabled.path("Enabled").asBoolean(), r.body());
        assertEquals("testbox", disabled.path("DisplayName").asText());

        drs.admin().setManagement(device.deviceId(), drs.admin().management(device.deviceId())
                .withAccountEnabled(true));
        assertTrue(DrsTestSupport.json(deviceGet(drs, device)).path("Enabled").asBoolean());
    }

    @Test
    void aJoinedDeviceStartsEnabledUnmanagedWithItsOsAndTheTrustTypeOfItsJoinType(DrsEmulator drs)
            throws Exception {
        Instant before = Instant.now();
        Joined joined = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        Joined registered = DrsTestSupport.join(drs, DrsTestSupport.client(drs), 4);
        ManagementState j = drs.admin().management(joined.deviceId());
        assertEquals(new ManagementState(true, false, false, null, null, null, "Linux",
                "Debian GNU/Linux 12 (bookworm)", "AzureAd", j.approximateLastSignIn()), j);
        assertFalse(j.approximateLastSignIn().isBefore(before), j.toString());
        assertEquals("Workplace", drs.admin().management(registered.deviceId()).trustType());
        assertEquals("ServerAd", ManagementState.trustType(6));
        assertEquals("AzureAd", ManagementState.trustType(8));
        assertEquals(ManagementState.joined(drs.devices().get(joined.deviceId())), j);
    }

    @Test
    void theConsoleRefusesDevicesItDoesNotHaveAndAnEmptyValidity(DrsEmulator drs) {
        String unknown = UUID.randomUUID().toString();
        assertThrows(IllegalArgumentException.class, () -> drs.admin().disable(unknown));
        assertThrows(IllegalArgumentException.class, () -> drs.admin().delete(unknown));
        assertThrows(IllegalArgumentException.class, () -> drs.admin().management(unknown));
        assertThrows(IllegalArgumentException.class, () -> drs.admin().setManagement(unknown,
                ManagementState.joined("Linux", "1", 0, Instant.now())));
        assertThrows(IllegalArgumentException.class,
                () -> drs.admin().certificateValidity(Duration.ofDays(1), Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class,
                () -> drs.admin().certificateValidity(Duration.ofDays(1), Duration.ofDays(-1)));
    }

    @Test
    void certificatesIssuedAfterAValidityChangeHaveThoseDates(DrsEmulator drs) throws Exception {
        Instant t0 = Instant.now();
        drs.admin().certificateValidity(Duration.ofDays(-2), Duration.ofDays(-1));
        X509Certificate expired = DrsTestSupport.join(drs, DrsTestSupport.client(drs)).certificate();
        assertAround(t0.minus(Duration.ofDays(2)), expired.getNotBefore().toInstant());
        assertAround(t0.minus(Duration.ofDays(1)), expired.getNotAfter().toInstant());

        drs.admin().certificateValidity(Duration.ofMinutes(-5), Duration.ofDays(10));
        X509Certificate soon = DrsTestSupport.join(drs, DrsTestSupport.client(drs)).certificate();
        assertAround(t0.minus(Duration.ofMinutes(5)), soon.getNotBefore().toInstant());
        assertAround(t0.plus(Duration.ofDays(10)), soon.getNotAfter().toInstant());

        drs.admin().resetCertificateValidity();
        X509Certificate normal = DrsTestSupport.join(drs, DrsTestSupport.client(drs)).certificate();
        assertAround(t0.minus(Duration.ofMinutes(5)), normal.getNotBefore().toInstant());
        assertAround(t0.plus(Duration.ofDays(365)), normal.getNotAfter().toInstant());
    }

    /** Within the test's run (certificate dates are to the second). */
    private static void assertAround(Instant expected, Instant actual) {
        assertTrue(!actual.isBefore(expected.minusSeconds(1)) && actual.isBefore(expected.plusSeconds(60)),
                "expected about " + expected + ", was " + actual);
    }
}
