package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.DrsTestSupport.assertOAuthError;
import static org.dsreg.testkit.drs.DrsTestSupport.client;
import static org.dsreg.testkit.drs.DrsTestSupport.form;
import static org.dsreg.testkit.drs.DrsTestSupport.json;
import static org.dsreg.testkit.drs.DrsTestSupport.postForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DrsEmulatorExtension.class)
class DrsDeviceCodeIT {

    private static final String SCOPE = DrsEmulator.DRS_APP_ID + "/.default openid profile offline_access";

    private static JsonNode deviceCode(HttpClient http, DrsEmulator drs, String tenant) throws Exception {
        HttpResponse<String> r = postForm(http, drs.baseUrl() + "/" + tenant + "/oauth2/v2.0/devicecode",
                form("client_id", DrsEmulator.BROKER_CLIENT_ID, "scope", SCOPE));
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    private static HttpResponse<String> poll(HttpClient http, DrsEmulator drs, String code) throws Exception {
        return postForm(http, drs.baseUrl() + "/" + drs.tenantId() + "/oauth2/v2.0/token",
                form("grant_type", DrsEmulator.DEVICE_CODE_GRANT, "client_id", DrsEmulator.BROKER_CLIENT_ID,
                        "device_code", code));
    }

    @Test
    void pendingThenTokenThatJoins(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        JsonNode dc = deviceCode(http, drs, drs.tenantDomain());
        assertEquals(900, dc.path("expires_in").asInt());
        assertEquals(1, dc.path("interval").asInt());
        assertTrue(dc.path("user_code").asText().length() >= 8);
        assertTrue(dc.path("verification_uri").asText().startsWith(drs.baseUrl()));
        assertTrue(dc.path("message").asText().contains(dc.path("user_code").asText()));

        Thread.sleep(1000L * dc.path("interval").asInt());
        assertOAuthError(poll(http, drs, dc.path("device_code").asText()), 400, "authorization_pending");
        Thread.sleep(1000L * dc.path("interval").asInt());
        HttpResponse<String> ok = poll(http, drs, dc.path("device_code").asText());
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode token = json(ok);
        assertEquals("Bearer", token.path("token_type").asText());
        assertEquals(3600, token.path("expires_in").asInt());
        assertTrue(token.path("refresh_token").isTextual());
        assertTrue(token.path("id_token").isTextual());
        JsonNode claims = DrsTestSupport.claims(token.path("access_token").asText());
        assertEquals(DrsEmulator.DRS_RESOURCE, claims.path("aud").asText());
        assertEquals(drs.tenantId(), claims.path("tid").asText());
        assertEquals("user@contoso.example", claims.path("upn").asText());
        assertTrue(claims.path("oid").isTextual());
        long now = Instant.now().getEpochSecond();
        assertTrue(Math.abs(claims.path("exp").asLong() - now - 3600) < 60);
        assertTrue(claims.path("nbf").asLong() <= now && claims.path("iat").asLong() <= now);

        // the token is good for a join
        KeyPair key = DrsTestSupport.rsa2048();
        byte[] body = DrsTestSupport.joinBody(DrsTestSupport.csr(key, null),
                DrsTestSupport.blob((RSAPublicKey) key.getPublic()), 4).toString().getBytes();
        HttpResponse<String> join = DrsTestSupport.send(http, DrsTestSupport.joinRequest(drs,
                token.path("access_token").asText(), body).build());
        assertEquals(200, join.statusCode(), join.body());
        assertEquals("user@contoso.example", json(join).at("/User/Upn").asText());

        // redeemed once only
        Thread.sleep(1000);
        assertOAuthError(poll(http, drs, dc.path("device_code").asText()), 400, "invalid_grant");
    }

    @Test
    void pollingFasterThanTheIntervalGetsSlowDown(@TempDir Path dir) throws Exception {
        // seconds, not hundreds of milliseconds: a loaded machine must not turn "too soon" into "in time"
        try (DrsEmulator drs = DrsEmulator.builder().pollInterval(Duration.ofMillis(2000))
                .slowDownIncrement(Duration.ofMillis(2000)).pendingPolls(1).start(dir)) {
            HttpClient http = client(drs);
            JsonNode dc = deviceCode(http, drs, drs.tenantId());
            assertEquals(2, dc.path("interval").asInt(), "announced in whole seconds");
            String code = dc.path("device_code").asText();
            JsonNode e = assertOAuthError(poll(http, drs, code), 400, "slow_down");
            assertTrue(e.path("error_description").asText().startsWith("AADSTS"), e.toString());
            Thread.sleep(2700);
            // 2.7 s would have been enough before, but the interval grew by the increment: 2 + 2 s
            assertOAuthError(poll(http, drs, code), 400, "slow_down");
            Thread.sleep(6300);
            // now 6 s
            assertOAuthError(poll(http, drs, code), 400, "authorization_pending");
            Thread.sleep(6300);
            assertEquals(200, poll(http, drs, code).statusCode());
        }
    }

    @Test
    void injectedTokenErrors(@TempDir Path dir) throws Exception {
        try (DrsEmulator drs = DrsEmulator.builder().pollInterval(Duration.ZERO).pendingPolls(0).start(dir)) {
            HttpClient http = client(drs);
            String code = deviceCode(http, drs, drs.tenantId()).path("device_code").asText();
            drs.failNext(Fault.of(Fault.Endpoint.TOKEN, Fault.Kind.SLOW_DOWN));
            assertOAuthError(poll(http, drs, code), 400, "slow_down");
            drs.failNext(Fault.of(Fault.Endpoint.TOKEN, Fault.Kind.ACCESS_DENIED));
            assertOAuthError(poll(http, drs, code), 400, "access_denied");
            // denied for good
            assertOAuthError(poll(http, drs, code), 400, "access_denied");

            String second = deviceCode(http, drs, drs.tenantId()).path("device_code").asText();
            drs.failNext(Fault.of(Fault.Endpoint.TOKEN, Fault.Kind.EXPIRED_TOKEN));
            assertOAuthError(poll(http, drs, second), 400, "expired_token");
            assertOAuthError(poll(http, drs, second), 400, "expired_token");

            String third = deviceCode(http, drs, drs.tenantId()).path("device_code").asText();
            assertEquals(200, poll(http, drs, third).statusCode(), "pendingPolls(0): the first poll succeeds");
        }
    }

    @Test
    void deviceCodeExpires(@TempDir Path dir) throws Exception {
        try (DrsEmulator drs = DrsEmulator.builder().pollInterval(Duration.ZERO)
                .deviceCodeLifetime(Duration.ofMillis(200)).start(dir)) {
            HttpClient http = client(drs);
            String code = deviceCode(http, drs, drs.tenantId()).path("device_code").asText();
            Thread.sleep(300);
            assertOAuthError(poll(http, drs, code), 400, "expired_token");
        }
    }

    @Test
    void badOAuthRequests(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        String base = drs.baseUrl() + "/" + drs.tenantId() + "/oauth2/v2.0/";
        assertOAuthError(postForm(http, base + "devicecode", form("scope", SCOPE)), 400, "invalid_request");
        assertOAuthError(postForm(http, base + "devicecode", form("client_id", "x", "scope", "openid")), 400,
                "invalid_scope");
        assertOAuthError(postForm(http, drs.baseUrl() + "/nobody.example/oauth2/v2.0/devicecode",
                form("client_id", "x", "scope", SCOPE)), 400, "invalid_request");
        assertOAuthError(postForm(http, base + "token", form("grant_type", "password", "client_id", "x")), 400,
                "unsupported_grant_type");
        assertOAuthError(postForm(http, base + "token", form("grant_type", DrsEmulator.DEVICE_CODE_GRANT,
                "client_id", "x", "device_code", "nope")), 400, "invalid_grant");
        assertOAuthError(postForm(http, base + "token", form("grant_type", DrsEmulator.DEVICE_CODE_GRANT,
                "client_id", "x")), 400, "invalid_request");
        JsonNode e = assertOAuthError(DrsTestSupport.send(http, HttpRequest.newBuilder(URI.create(base + "token"))
                .header("Content-Type", "application/json").header("client-request-id", "abc")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 400, "invalid_request");
        assertEquals("abc", e.path("correlation_id").asText());
        // the device code belongs to its client
        JsonNode dc = deviceCode(http, drs, "organizations");
        assertOAuthError(postForm(http, base + "token", form("grant_type", DrsEmulator.DEVICE_CODE_GRANT,
                "client_id", "someone-else", "device_code", dc.path("device_code").asText())), 400, "invalid_grant");
    }
}
