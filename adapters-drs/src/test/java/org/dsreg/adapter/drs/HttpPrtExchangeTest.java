package org.dsreg.adapter.drs;

import static org.dsreg.adapter.drs.PrtService.form;
import static org.dsreg.adapter.drs.PrtService.segment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import okhttp3.mockwebserver.RecordedRequest;
import org.dsreg.port.out.PrtAccessToken;
import org.dsreg.port.out.PrtGrant;
import org.dsreg.port.out.UserCredential;
import org.dsreg.testkit.prt.SessionKeyJweWriter;
import org.dsreg.testkit.prt.SessionKeyJwtVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PRT grants as sent and read, against a scripted token endpoint on loopback HTTPS: the requests the public
 * clients send (docs/protocol.md "PRT requests"), verified with the service's own tools (testkit
 * {@code SessionKeyJwtVerifier}, {@code SessionKeyJweWriter}), and the replies read into grants.
 */
class HttpPrtExchangeTest {
    static final String REFRESH_TOKEN = "0.AUSER-REFRESH-TOKEN";
    static final String ID_TOKEN = PrtService.jwt("{\"upn\":\"alice@contoso.example\",\"oid\":\"0bj-1d\"}");

    @TempDir
    Path dir;
    PrtService service;
    final byte[] sessionKey = new byte[32];
    final SecureRandom random = new SecureRandom();

    @BeforeEach
    void start() throws Exception {
        service = new PrtService(dir);
        random.nextBytes(sessionKey);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    PrtGrant acquire() {
        service.nonce("nonce-1");
        service.reply(200, "{\"token_type\":\"pop\",\"refresh_token\":\"prt-1\",\"refresh_token_expires_in\":\"1209600\","
                + "\"session_key_jwe\":\"" + SessionKeyJweWriter.sessionKeyJwe(
                service.storage.publicKey("transport").orElseThrow(), sessionKey, random) + "\",\"id_token\":\""
                + ID_TOKEN + "\",\"expires_in\":\"3599\"}");
        return service.exchange.acquire(service.registration, service.storage,
                new UserCredential(REFRESH_TOKEN, Optional.empty(), Optional.empty()));
    }

    @Test
    void aFirstPrtIsAskedWithANonceThenAJwtSignedByTheDeviceKeyAndGivesTheSessionKey() throws Exception {
        PrtGrant grant = acquire();
        assertEquals("prt-1", grant.prt());
        assertArrayEquals(sessionKey, grant.sessionKey().orElseThrow(), "decrypted by the transport key");
        assertEquals(Optional.of("alice@contoso.example"), grant.upn());
        assertEquals(Optional.of("0bj-1d"), grant.objectId());
        assertEquals(Optional.of(PrtService.NOW.plusSeconds(1209600)), grant.expiresOn(), "a string of seconds");
        assertEquals(service.endpoint(), grant.endpoint());

        RecordedRequest nonce = service.server.takeRequest();
        assertEquals("/" + PrtService.TENANT + "/oauth2/token", nonce.getPath());
        assertEquals(Map.of("grant_type", "srv_challenge"), form(nonce));
        RecordedRequest prt = service.server.takeRequest();
        assertEquals(grant.correlationId(), prt.getHeader("client-request-id"), "the grant names its request");
        assertNotEquals(nonce.getHeader("client-request-id"), grant.correlationId(), "a fresh id per request");
        Map<String, String> form = form(prt);
        assertEquals(List.of("windows_api_version", "grant_type", "request", "client_info", "tgt"),
                new ArrayList<>(form.keySet()));
        assertEquals("2.2", form.get("windows_api_version"));
        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", form.get("grant_type"));
        assertEquals("1", form.get("client_info"));
        assertEquals("true", form.get("tgt"));

        String jwt = form.get("request");
        JsonNode header = segment(jwt, 0);
        assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"x5c\":[\""
                + Base64.getEncoder().encodeToString(service.certificate.der()) + "\"]}", header.toString());
        JsonNode payload = segment(jwt, 1);
        assertEquals("{\"client_id\":\"29d9ed98-a469-4536-ade2-f981bc1d605e\",\"request_nonce\":\"nonce-1\","
                + "\"scope\":\"openid aza ugs\",\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + REFRESH_TOKEN
                + "\"}", payload.toString());
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(service.storage.publicKey("device").orElseThrow());
        rs256.update(jwt.substring(0, jwt.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(jwt.substring(jwt.lastIndexOf('.') + 1))),
                "signed by the device key, through the port");
        assertEquals(1, service.storage.signatures);
    }

    @Test
    void everyRequestCarriesAFreshClientRequestIdAndAsksForItBack() throws Exception {
        acquire();
        for (int i = 0; i < 2; i++) {
            RecordedRequest r = service.server.takeRequest();
            assertEquals("true", r.getHeader("return-client-request-id"));
            assertEquals(r.getHeader("client-request-id"), UUID.fromString(r.getHeader("client-request-id")).toString());
            assertEquals("application/x-www-form-urlencoded", r.getHeader("Content-Type"));
        }
    }

    @Test
    void aRenewalIsSignedWithTheDerivedSessionKeyAndItsEncryptedReplyRead() throws Exception {
        service.nonce("nonce-2");
        byte[] ctx = new byte[24];
        random.nextBytes(ctx);
        service.reply(200, SessionKeyJweWriter.gcmReply(sessionKey, ctx, new byte[12], ("{\"refresh_token\":\"prt-2\","
                + "\"refresh_token_expires_in\":1209600,\"id_token\":\"" + ID_TOKEN + "\"}").getBytes(StandardCharsets.UTF_8)));
        PrtGrant grant = service.exchange.renew(service.registration, "prt-1", new InMemorySessionKey(sessionKey));
        assertEquals("prt-2", grant.prt());
        assertTrue(grant.sessionKey().isEmpty(), "a renewal keeps the session key");
        assertEquals(Optional.of(PrtService.NOW.plusSeconds(1209600)), grant.expiresOn(), "a number of seconds");
        assertEquals(Optional.of("alice@contoso.example"), grant.upn());

        service.server.takeRequest();
        Map<String, String> form = form(service.server.takeRequest());
        assertEquals(List.of("windows_api_version", "grant_type", "request", "client_info", "tgt"),
                new ArrayList<>(form.keySet()));
        String jws = form.get("request");
        assertEquals(2, segment(jws, 0).path("kdf_ver").asInt(), "KDF version 2");
        JsonNode payload = PrtService.JSON.readTree(SessionKeyJwtVerifier.verify(jws, sessionKey));
        assertEquals("{\"client_id\":\"38aa3b87-a06d-4817-b275-7a316988d93b\",\"request_nonce\":\"nonce-2\","
                + "\"scope\":\"openid aza ugs\",\"iss\":\"aad:brokerplugin\",\"grant_type\":\"refresh_token\","
                + "\"refresh_token\":\"prt-1\"}", payload.toString());
    }

    @Test
    void aRenewalAnsweredInPlainJsonIsReadAsTheClientsDo() {
        service.nonce("n");
        service.reply(200, "{\"refresh_token\":\"prt-2\"}");
        PrtGrant grant = service.exchange.renew(service.registration, "prt-1", new InMemorySessionKey(sessionKey));
        assertEquals("prt-2", grant.prt());
        assertEquals(Optional.empty(), grant.expiresOn());
        assertEquals(Optional.empty(), grant.upn());
    }

    @Test
    void anAccessTokenIsAskedForTheScopesResourceOnTheV1Endpoint() throws Exception {
        service.nonce("nonce-3");
        String token = PrtService.jwt("{\"aud\":\"https://graph.microsoft.com\",\"tid\":\"" + PrtService.TENANT
                + "\",\"exp\":1800000000}");
        byte[] ctx = new byte[24];
        random.nextBytes(ctx);
        service.reply(200, SessionKeyJweWriter.cbcReply(sessionKey, ctx, new byte[16], ("{\"access_token\":\"" + token
                + "\",\"expires_in\":\"3599\",\"scope\":\"User.Read\"}").getBytes(StandardCharsets.UTF_8)));
        PrtAccessToken at = service.exchange.accessToken(service.registration, "prt-1",
                new InMemorySessionKey(sessionKey), "04B07795-8DDB-461A-BBEE-02F9E1BF7B46",
                "https://graph.microsoft.com/.default");
        assertEquals(token, at.token().token());
        assertEquals(Optional.of("https://graph.microsoft.com"), at.token().audience());
        assertEquals(Optional.of(PrtService.TENANT.toString()), at.token().tenant());
        assertEquals(Optional.of(java.time.Instant.ofEpochSecond(1800000000)), at.token().expiresOn(), "exp wins");
        assertEquals(Optional.of("User.Read"), at.scope());

        service.server.takeRequest();
        Map<String, String> form = form(service.server.takeRequest());
        assertEquals(List.of("windows_api_version", "grant_type", "request", "client_info"),
                new ArrayList<>(form.keySet()), "no TGT with an access token");
        JsonNode payload = PrtService.JSON.readTree(SessionKeyJwtVerifier.verify(form.get("request"), sessionKey));
        assertEquals("{\"client_id\":\"04B07795-8DDB-461A-BBEE-02F9E1BF7B46\",\"request_nonce\":\"nonce-3\","
                + "\"scope\":\"openid\",\"resource\":\"https://graph.microsoft.com\",\"redirect_uri\":"
                + "\"ms-appx-web://Microsoft.AAD.BrokerPlugin/04b07795-8ddb-461a-bbee-02f9e1bf7b46\","
                + "\"iss\":\"aad:brokerplugin\",\"aud\":\"login.microsoftonline.com\",\"grant_type\":\"refresh_token\","
                + "\"refresh_token\":\"prt-1\"}", payload.toString());
    }

    @Test
    void theObjectIdComesFromClientInfoWhenTheIdTokenHasNone() {
        service.nonce("n");
        String clientInfo = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"uid\":\"0bj-2\",\"utid\":\"t\"}".getBytes(StandardCharsets.UTF_8));
        service.reply(200, "{\"refresh_token\":\"prt-2\",\"client_info\":\"" + clientInfo + "\",\"id_token\":\""
                + PrtService.jwt("{\"preferred_username\":\"bob@contoso.example\"}") + "\"}");
        PrtGrant grant = service.exchange.renew(service.registration, "prt-1", new InMemorySessionKey(sessionKey));
        assertEquals(Optional.of("0bj-2"), grant.objectId());
        assertEquals(Optional.of("bob@contoso.example"), grant.upn());
    }
}
