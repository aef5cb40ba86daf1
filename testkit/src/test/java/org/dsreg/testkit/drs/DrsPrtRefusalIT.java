package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.PrtTestClient.acquirePayload;
import static org.dsreg.testkit.drs.PrtTestClient.assertAadError;
import static org.dsreg.testkit.drs.PrtTestClient.hs256;
import static org.dsreg.testkit.drs.PrtTestClient.renewPayload;
import static org.dsreg.testkit.drs.PrtTestClient.rs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.dsreg.testkit.TestCertificates;
import org.dsreg.testkit.drs.DrsPrtIT.Acquired;
import org.dsreg.testkit.drs.DrsTestSupport.Joined;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each refusal of the PRT token endpoint, with its error and AADSTS code; nothing secret in the answer. */
@ExtendWith(DrsEmulatorExtension.class)
class DrsPrtRefusalIT {
    private static final String UPN = "bob@contoso.example";

    private static HttpResponse<String> acquireWith(PrtTestClient client, Joined device, String nonce, String rt)
            throws Exception {
        return client.grant(rs256(acquirePayload(nonce, rt), device.key().getPrivate(), device.certificate(), false));
    }

    private static String rt(DrsEmulator drs) {
        return drs.issueRefreshToken(UPN, DrsEmulator.BROKER_CLIENT_ID);
    }

    @Test
    void unknownReusedAndMissingNoncesAreInvalidRequestNonce(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        assertTrue(assertAadError(acquireWith(client, device, "not-a-nonce", rt(drs)), "invalid_grant", 140000)
                .path("error_description").asText().contains("not issued by this service"));
        String nonce = client.nonce();
        assertEquals(200, acquireWith(client, device, nonce, rt(drs)).statusCode());
        assertTrue(assertAadError(acquireWith(client, device, nonce, rt(drs)), "invalid_grant", 140000)
                .path("error_description").asText().contains("used already"));
        String noNonce = rs256(acquirePayload(client.nonce(), rt(drs)).without("request_nonce"),
                device.key().getPrivate(), device.certificate(), false);
        assertAadError(client.grant(noNonce), "invalid_grant", 140000);
        assertEquals(1, drs.prts().size());
    }

    @Test
    void anExpiredNonceIsInvalidRequestNonce(@TempDir Path dir) throws Exception {
        try (DrsEmulator drs = DrsEmulator.builder().challengeLifetime(Duration.ofMillis(200)).start(dir)) {
            PrtTestClient client = new PrtTestClient(drs);
            Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
            String nonce = client.nonce();
            Thread.sleep(500);
            assertTrue(assertAadError(acquireWith(client, device, nonce, rt(drs)), "invalid_grant", 140000)
                    .path("error_description").asText().contains("expired"));
            assertEquals(200, acquireWith(client, device, client.nonce(), rt(drs)).statusCode());
        }
    }

    @Test
    void aSignatureByAnotherKeyIsDeviceAuthenticationFailed(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        String forged = rs256(acquirePayload(client.nonce(), rt(drs)), DrsTestSupport.rsa2048().getPrivate(),
                device.certificate(), true);
        assertTrue(assertAadError(client.grant(forged), "invalid_grant", 50155).path("error_description").asText()
                .contains("signature"));
        assertEquals(0, drs.prts().size());
    }

    @Test
    void aCertificateTheEmulatorDidNotIssueIsDeviceAuthenticationFailed(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        var foreign = TestCertificates.newAuthority("Another CA").deviceCertificate(device.key().getPublic(),
                UUID.fromString(device.deviceId()), UUID.fromString(drs.tenantId()), "0", Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(3600));
        String request = rs256(acquirePayload(client.nonce(), rt(drs)), device.key().getPrivate(), foreign, false);
        assertTrue(assertAadError(client.grant(request), "invalid_grant", 50155).path("error_description").asText()
                .contains("not issued by this service"));
    }

    @Test
    void aDeletedDeviceIsDeviceObjectNotFoundForAcquireAndRenew(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Acquired a = DrsPrtIT.acquire(drs, client, false);
        assertTrue(drs.forgetDevice(a.device().deviceId()));
        assertAadError(acquireWith(client, a.device(), client.nonce(), rt(drs)), "invalid_grant", 700003);
        assertAadError(client.grant(hs256(renewPayload(client.nonce(), a.prt()), a.sessionKey(), true)),
                "invalid_grant", 700003);
    }

    @Test
    void unknownAndOtherClientsRefreshTokensAreInvalidGrant(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        assertAadError(acquireWith(client, device, client.nonce(), "no-such-token"), "invalid_grant", 70000);
        String other = drs.issueRefreshToken(UPN, "d3590ed6-52b3-4102-aeff-aad2292ab01c");
        JsonNode e = assertAadError(acquireWith(client, device, client.nonce(), other), "invalid_grant", 70000);
        assertTrue(e.path("error_description").asText().contains("another client"));
        assertFalse(e.toString().contains(other), "the refresh token is not echoed");
        assertEquals(0, drs.prts().size());
    }

    @Test
    void aScopeWithoutAzaIsInvalidScope(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        String request = rs256(acquirePayload(client.nonce(), rt(drs)).put("scope", "openid"),
                device.key().getPrivate(), device.certificate(), false);
        assertAadError(client.grant(request), "invalid_scope", 70011);
    }

    @Test
    void aWrongSessionKeySignatureAnUnknownPrtAndAnotherKdfVersionAreRefused(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Acquired a = DrsPrtIT.acquire(drs, client, false);
        byte[] otherKey = new byte[32];
        assertAadError(client.grant(hs256(renewPayload(client.nonce(), a.prt()), otherKey, true)),
                "invalid_grant", 7000016);
        assertAadError(client.grant(hs256(renewPayload(client.nonce(), a.prt()), otherKey, false)),
                "invalid_grant", 7000016);
        JsonNode unknown = assertAadError(client.grant(hs256(renewPayload(client.nonce(), "not-a-prt"),
                a.sessionKey(), true)), "invalid_grant", 70000);
        assertTrue(unknown.path("error_description").asText().contains("not a PRT"));
        String v3 = hs256(renewPayload(client.nonce(), a.prt()), a.sessionKey(), true);
        String[] parts = v3.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .replace("\"kdf_ver\":2", "\"kdf_ver\":3");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + "." + parts[2];
        assertAadError(client.grant(forged), "invalid_request", 5000611);
        assertEquals(0, drs.prtRenewals());
    }

    @Test
    void theFailureSwitchRefusesPrtRequestsUntilCleared(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Acquired a = DrsPrtIT.acquire(drs, client, false);
        drs.failPrtRequests("invalid_grant", 135011, "Device used during the authentication is disabled.");
        String nonce = client.nonce();
        JsonNode e = assertAadError(client.grant(hs256(renewPayload(nonce, a.prt()), a.sessionKey(), true)),
                "invalid_grant", 135011);
        assertTrue(e.path("error_description").asText()
                .startsWith("AADSTS135011: Device used during the authentication is disabled."));
        drs.clearPrtFailure();
        assertEquals(200, client.grant(hs256(renewPayload(nonce, a.prt()), a.sessionKey(), true)).statusCode(),
                "the refused request did not use up its nonce");
    }

    @Test
    void correlationIdEchoesClientRequestId(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        String id = UUID.randomUUID().toString();
        JsonNode e = assertAadError(client.grant("a.b.c", id), "invalid_request", 9002313);
        assertEquals(id, e.path("correlation_id").asText());
        assertTrue(e.path("error_description").asText().contains("Correlation ID: " + id));
        JsonNode other = assertAadError(client.grant("a.b.c"), "invalid_request", 9002313);
        UUID.fromString(other.path("correlation_id").asText());
    }

    @Test
    void anotherWindowsApiVersionOrAlgIsMalformed(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Acquired a = DrsPrtIT.acquire(drs, client, false);
        String request = hs256(renewPayload(client.nonce(), a.prt()), a.sessionKey(), true);
        assertAadError(client.post(java.util.Map.of("grant_type", PrtTestClient.JWT_BEARER, "request", request,
                "windows_api_version", "1.0"), null), "invalid_request", 9002313);
        assertEquals(200, client.post(java.util.Map.of("grant_type", PrtTestClient.JWT_BEARER, "request", request,
                "windows_api_version", "2.0", "tgt", "true"), null).statusCode());
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
                StandardCharsets.UTF_8)) + "." + request.split("\\.")[1] + ".";
        assertAadError(client.grant(none), "invalid_request", 9002313);
    }

    @Test
    void anExpiredPrtIsAnExpiredGrant(@TempDir Path dir) throws Exception {
        try (DrsEmulator drs = DrsEmulator.builder().prtLifetime(Duration.ofMillis(300)).start(dir)) {
            PrtTestClient client = new PrtTestClient(drs);
            Acquired a = DrsPrtIT.acquire(drs, client, false);
            Thread.sleep(600);
            assertAadError(client.grant(hs256(renewPayload(client.nonce(), a.prt()), a.sessionKey(), true)),
                    "invalid_grant", 70008);
        }
    }

    @Test
    void aRevokedPrtIsARevokedGrant(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Acquired a = DrsPrtIT.acquire(drs, client, false);
        drs.revokePrts();
        assertAadError(client.grant(hs256(renewPayload(client.nonce(), a.prt()), a.sessionKey(), true)),
                "invalid_grant", 50173);
    }

    @Test
    void withRevokeRenewedPrtsOnlyTheNewPrtRenews(@TempDir Path dir) throws Exception {
        try (DrsEmulator drs = DrsEmulator.builder().revokeRenewedPrts(true).start(dir)) {
            PrtTestClient client = new PrtTestClient(drs);
            Acquired a = DrsPrtIT.acquire(drs, client, false);
            var renewed = client.grant(hs256(renewPayload(client.nonce(), a.prt()), a.sessionKey(), true));
            assertEquals(200, renewed.statusCode(), renewed.body());
            String newPrt = PrtTestClient.decrypt(renewed.body(), a.sessionKey()).path("refresh_token").asText();
            assertAadError(client.grant(hs256(renewPayload(client.nonce(), a.prt()), a.sessionKey(), true)),
                    "invalid_grant", 50173);
            assertEquals(200, client.grant(hs256(renewPayload(client.nonce(), newPrt), a.sessionKey(), true))
                    .statusCode());
        }
    }

    @Test
    void aSessionKeySignedRequestOfAnotherGrantTypeIsUnsupported(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Acquired a = DrsPrtIT.acquire(drs, client, false);
        assertAadError(client.grant(hs256(renewPayload(client.nonce(), a.prt()).put("grant_type", "password"),
                a.sessionKey(), true)), "unsupported_grant_type", 70003);
    }
}
