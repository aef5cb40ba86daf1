package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.PrtTestClient.acquirePayload;
import static org.dsreg.testkit.drs.PrtTestClient.decrypt;
import static org.dsreg.testkit.drs.PrtTestClient.hs256;
import static org.dsreg.testkit.drs.PrtTestClient.renewPayload;
import static org.dsreg.testkit.drs.PrtTestClient.rs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dsreg.testkit.drs.DrsTestSupport.Joined;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The PRT token endpoint's successes, over loopback HTTPS, with a client built in the test. */
@ExtendWith(DrsEmulatorExtension.class)
class DrsPrtIT {
    private static final String UPN = "alice@contoso.example";

    /** A PRT acquired for a joined device: the device, the PRT, its session key. */
    record Acquired(Joined device, String prt, byte[] sessionKey) {
    }

    static Acquired acquire(DrsEmulator drs, PrtTestClient client, boolean x5cArray) throws Exception {
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        String rt = drs.issueRefreshToken(UPN, DrsEmulator.BROKER_CLIENT_ID);
        HttpResponse<String> r = client.grant(rs256(acquirePayload(client.nonce(), rt), device.key().getPrivate(),
                device.certificate(), x5cArray));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode reply = DrsTestSupport.json(r);
        byte[] sessionKey = PrtTestClient.sessionKey(reply.path("session_key_jwe").asText(),
                device.key().getPrivate());
        return new Acquired(device, reply.path("refresh_token").asText(), sessionKey);
    }

    @Test
    void acquiresAPrtWithX5cAsAStringAndAsAnArray(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        for (boolean array : new boolean[] {false, true}) {
            Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
            String rt = drs.issueRefreshToken(UPN, DrsEmulator.BROKER_CLIENT_ID);
            HttpResponse<String> r = client.grant(rs256(acquirePayload(client.nonce(), rt),
                    device.key().getPrivate(), device.certificate(), array));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode reply = DrsTestSupport.json(r);
            assertEquals("pop", reply.path("token_type").asText());
            for (String field : List.of("expires_in", "ext_expires_in", "expires_on")) {
                assertTrue(reply.path(field).isTextual() && reply.path(field).asText().matches("\\d+"), field);
            }
            assertEquals(1209600, reply.path("refresh_token_expires_in").asLong());
            assertEquals(32, PrtTestClient.sessionKey(reply.path("session_key_jwe").asText(),
                    device.key().getPrivate()).length);
            JsonNode id = DrsTestSupport.claims(reply.path("id_token").asText());
            assertEquals(DrsEmulator.BROKER_CLIENT_ID, id.path("aud").asText());
            assertEquals(drs.objectId(UPN), id.path("oid").asText());
            assertEquals(UPN, id.path("upn").asText());
            assertEquals(UPN, id.path("preferred_username").asText());
            assertEquals(drs.tenantId(), id.path("tid").asText());
            JsonNode info = DrsTestSupport.JSON.readTree(Base64.getUrlDecoder()
                    .decode(reply.path("client_info").asText()));
            assertEquals(drs.objectId(UPN), info.path("uid").asText());
            assertEquals(drs.tenantId(), info.path("utid").asText());
            IssuedPrt issued = drs.prts().get(drs.prts().size() - 1);
            assertEquals(new IssuedPrt(UPN, drs.objectId(UPN), device.deviceId(), issued.issuedAt(), 0), issued);
        }
        assertEquals(2, drs.prts().size());
    }

    @Test
    void aDeviceCodeSignInWithOfflineAccessGivesARefreshTokenThePrtRequestRedeems(@TempDir Path dir) throws Exception {
        try (DrsEmulator drs = DrsEmulator.builder().pollInterval(Duration.ZERO).pendingPolls(0).start(dir)) {
            HttpClient http = DrsTestSupport.client(drs);
            String base = drs.baseUrl() + "/" + drs.tenantId() + "/oauth2/v2.0/";
            String code = DrsTestSupport.json(DrsTestSupport.postForm(http, base + "devicecode", DrsTestSupport.form(
                    "client_id", DrsEmulator.BROKER_CLIENT_ID, "scope",
                    "openid offline_access " + DrsEmulator.DRS_APP_ID + "/.default"))).path("device_code").asText();
            HttpResponse<String> token = DrsTestSupport.postForm(http, base + "token", DrsTestSupport.form(
                    "grant_type", DrsEmulator.DEVICE_CODE_GRANT, "client_id", DrsEmulator.BROKER_CLIENT_ID,
                    "device_code", code));
            assertEquals(200, token.statusCode(), token.body());
            String rt = DrsTestSupport.json(token).path("refresh_token").asText();
            Joined device = DrsTestSupport.join(drs, http);
            PrtTestClient client = new PrtTestClient(drs);
            HttpResponse<String> r = client.grant(rs256(acquirePayload(client.nonce(), rt),
                    device.key().getPrivate(), device.certificate(), true));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("user@contoso.example", drs.prts().get(0).upn());
        }
    }

    @Test
    void renewsWithKdfV2AndV1TheSameSessionKeyTheOldPrtStillValid(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Acquired a = acquire(drs, client, false);
        String prt = a.prt();
        for (boolean v2 : new boolean[] {true, false}) {
            HttpResponse<String> r = client.grant(hs256(renewPayload(client.nonce(), prt), a.sessionKey(), v2));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode reply = decrypt(r.body(), a.sessionKey());
            assertEquals("pop", reply.path("token_type").asText());
            assertFalse(reply.has("session_key_jwe"), "a renewal keeps the session key");
            assertTrue(reply.path("expires_in").isTextual());
            assertEquals(UPN, DrsTestSupport.claims(reply.path("id_token").asText()).path("upn").asText());
            assertNotEquals(prt, reply.path("refresh_token").asText());
            prt = reply.path("refresh_token").asText();
        }
        HttpResponse<String> old = client.grant(hs256(renewPayload(client.nonce(), a.prt()), a.sessionKey(), true));
        assertEquals(200, old.statusCode(), old.body());
        assertEquals(3, drs.prtRenewals());
        assertEquals(1, drs.prts().size());
        assertEquals(3, drs.prts().get(0).renewals());
    }

    @Test
    void accessTokensForAResourceAndForADefaultScope(DrsEmulator drs) throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Acquired a = acquire(drs, client, true);
        String app = "1b730954-1685-4b74-9bfd-dac224a7b894";
        ObjectNode byResource = DrsTestSupport.JSON.createObjectNode().put("client_id", app).put("scope", "openid")
                .put("resource", "https://graph.microsoft.com").put("request_nonce", client.nonce())
                .put("refresh_token", a.prt()).put("grant_type", "refresh_token").put("iss", "aad:brokerplugin");
        ObjectNode byScope = DrsTestSupport.JSON.createObjectNode().put("client_id", app)
                .put("scope", "https://management.azure.com/.default").put("request_nonce", client.nonce())
                .put("refresh_token", a.prt()).put("grant_type", "refresh_token");
        int i = 0;
        for (ObjectNode payload : List.of(byResource, byScope)) {
            HttpResponse<String> r = client.grant(hs256(payload, a.sessionKey(), i == 0));
            assertEquals(200, r.statusCode(), r.body());
            JsonNode reply = decrypt(r.body(), a.sessionKey());
            assertEquals("Bearer", reply.path("token_type").asText());
            assertTrue(reply.path("expires_in").asText().matches("\\d+"), reply.toString());
            assertTrue(reply.path("scope").isTextual());
            JsonNode at = DrsTestSupport.claims(reply.path("access_token").asText());
            assertEquals(i == 0 ? "https://graph.microsoft.com" : "https://management.azure.com",
                    at.path("aud").asText());
            assertEquals(app, at.path("appid").asText());
            assertEquals(drs.objectId(UPN), at.path("oid").asText());
            assertEquals(UPN, at.path("upn").asText());
            assertEquals(drs.tenantId(), at.path("tid").asText());
            assertEquals(a.device().deviceId(), at.path("deviceid").asText());
            assertTrue(at.path("scp").isTextual());
            assertEquals(i == 0, reply.has("id_token"), "an id_token for openid only");
            i++;
        }
        assertEquals(0, drs.prtRenewals());
    }

    @Test
    void theCbcSwitchEncryptsRepliesInTheCbcForm(@TempDir Path dir) throws Exception {
        try (DrsEmulator drs = DrsEmulator.builder().prtRepliesCbc(true).start(dir)) {
            PrtTestClient client = new PrtTestClient(drs);
            Acquired a = acquire(drs, client, false);
            HttpResponse<String> r = client.grant(hs256(renewPayload(client.nonce(), a.prt()), a.sessionKey(), true));
            assertEquals(200, r.statusCode(), r.body());
            String[] parts = r.body().split("\\.", -1);
            assertEquals(16, Base64.getUrlDecoder().decode(parts[2]).length);
            assertEquals("", parts[4]);
            assertEquals("pop", decrypt(r.body(), a.sessionKey()).path("token_type").asText());
        }
    }
}
