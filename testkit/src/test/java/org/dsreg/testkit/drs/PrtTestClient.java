package org.dsreg.testkit.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dsreg.testkit.prt.ServiceKdf;

/**
 * A PRT client of the emulator written for the tests from the JDK and the testkit's KDF: nonces, RS256 requests
 * signed by a device key, HS256 requests signed with a derived session key (KDF v1 or v2), the posts, and the
 * decryption of {@code session_key_jwe} and of encrypted replies (GCM or CBC, told apart by the IV's length).
 */
final class PrtTestClient {
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String RENEW_CLIENT = "38aa3b87-a06d-4817-b275-7a316988d93b";
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final DrsEmulator drs;
    private final HttpClient http;

    PrtTestClient(DrsEmulator drs) throws Exception {
        this.drs = drs;
        this.http = DrsTestSupport.client(drs);
    }

    String nonce() throws Exception {
        HttpResponse<String> r = post(Map.of("grant_type", "srv_challenge"), null);
        assertEquals(200, r.statusCode(), r.body());
        return DrsTestSupport.json(r).path("Nonce").asText();
    }

    /** The claims of a first-PRT request, as ROADtools' get_prt_with_refresh_token sends them. */
    static ObjectNode acquirePayload(String nonce, String refreshToken) {
        ObjectNode p = DrsTestSupport.JSON.createObjectNode();
        p.put("client_id", DrsEmulator.BROKER_CLIENT_ID).put("request_nonce", nonce).put("scope", "openid aza ugs");
        p.putArray("group_sids");
        return p.put("win_ver", "10.0.19041.868").put("grant_type", "refresh_token").put("refresh_token", refreshToken);
    }

    /** The claims of a renewal, as ROADtools' renew_prt sends them. */
    static ObjectNode renewPayload(String nonce, String prt) {
        ObjectNode p = DrsTestSupport.JSON.createObjectNode();
        return p.put("client_id", RENEW_CLIENT).put("request_nonce", nonce).put("scope", "openid aza ugs")
                .put("iss", "aad:brokerplugin").put("grant_type", "refresh_token").put("refresh_token", prt)
                .put("previous_refresh_token", prt);
    }

    /** An RS256 request with the certificate in x5c as a string (ROADtools) or an array (libhimmelblau). */
    static String rs256(ObjectNode payload, PrivateKey key, X509Certificate cert, boolean x5cArray) throws Exception {
        ObjectNode header = DrsTestSupport.JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        String der = Base64.getEncoder().encodeToString(cert.getEncoded());
        if (x5cArray) {
            header.putArray("x5c").add(der);
        } else {
            header.put("x5c", der).put("kdf_ver", 2);
        }
        String input = segment(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + segment(payload.toString().getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64URL.encodeToString(s.sign());
    }

    /** An HS256 request under a key derived from the session key: KDF v2 (ROADtools) or v1 (libhimmelblau). */
    static String hs256(ObjectNode payload, byte[] sessionKey, boolean v2) throws Exception {
        byte[] ctx = new byte[v2 ? 24 : 32];
        new java.security.SecureRandom().nextBytes(ctx);
        ObjectNode header = DrsTestSupport.JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT")
                .put("ctx", Base64.getEncoder().encodeToString(ctx));
        if (v2) {
            header.put("kdf_ver", 2);
        }
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        byte[] derived = v2 ? ServiceKdf.deriveV2(sessionKey, ctx, body) : ServiceKdf.derive(sessionKey, ctx);
        String input = segment(header.toString().getBytes(StandardCharsets.UTF_8)) + "." + segment(body);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(derived, "HmacSHA256"));
        return input + "." + B64URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Posts the jwt-bearer grant as ROADtools does (windows_api_version 2.2, client_info, tgt). */
    HttpResponse<String> grant(String request) throws Exception {
        return grant(request, null);
    }

    HttpResponse<String> grant(String request, String clientRequestId) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("windows_api_version", "2.2");
        form.put("grant_type", JWT_BEARER);
        form.put("request", request);
        form.put("client_info", "1");
        form.put("tgt", "True");
        return post(form, clientRequestId);
    }

    HttpResponse<String> post(Map<String, String> form, String clientRequestId) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(drs.baseUrl() + "/" + drs.tenantId()
                        + "/oauth2/token")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (clientRequestId != null) {
            b.header("client-request-id", clientRequestId);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The session key: the JWE's encrypted key, RSA-OAEP with SHA-1 to the transport key. */
    static byte[] sessionKey(String sessionKeyJwe, PrivateKey transportKey) throws Exception {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, transportKey, new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
                PSource.PSpecified.DEFAULT));
        return rsa.doFinal(Base64.getUrlDecoder().decode(sessionKeyJwe.split("\\.")[1]));
    }

    /** An encrypted reply decrypted with the KDF v1 key of its ctx: GCM for a 12-byte IV, CBC for 16. */
    static JsonNode decrypt(String jwe, byte[] sessionKey) throws Exception {
        String[] p = jwe.split("\\.", -1);
        assertEquals(5, p.length, "a compact JWE");
        assertEquals("", p[1], "alg dir: no encrypted key");
        JsonNode header = DrsTestSupport.JSON.readTree(Base64.getUrlDecoder().decode(p[0]));
        assertEquals("dir", header.path("alg").asText());
        assertEquals("A256GCM", header.path("enc").asText());
        SecretKeySpec key = new SecretKeySpec(ServiceKdf.derive(sessionKey,
                Base64.getDecoder().decode(header.path("ctx").asText())), "AES");
        byte[] iv = Base64.getUrlDecoder().decode(p[2]);
        byte[] ciphertext = Base64.getUrlDecoder().decode(p[3]);
        Cipher aes;
        if (iv.length == 12) {
            aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
            aes.updateAAD(p[0].getBytes(StandardCharsets.US_ASCII));
            byte[] tag = Base64.getUrlDecoder().decode(p[4]);
            byte[] sealed = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
            System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
            ciphertext = sealed;
        } else {
            assertEquals(16, iv.length, "a CBC reply has a 16-byte IV");
            assertEquals("", p[4], "a CBC reply has no tag");
            aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
        }
        return DrsTestSupport.JSON.readTree(aes.doFinal(ciphertext));
    }

    /** Asserts a refusal in the service's shape: 400, error, error_codes [code], "AADSTS<code>: " and the ids. */
    static JsonNode assertAadError(HttpResponse<String> r, String error, int code) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        JsonNode e = DrsTestSupport.json(r);
        assertEquals(error, e.path("error").asText(), r.body());
        assertEquals(1, e.path("error_codes").size(), r.body());
        assertEquals(code, e.path("error_codes").get(0).asInt(), r.body());
        assertTrue(e.path("error_description").asText().startsWith("AADSTS" + code + ": "), r.body());
        UUID.fromString(e.path("trace_id").asText());
        assertTrue(e.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ"), r.body());
        assertTrue(e.path("correlation_id").isTextual(), r.body());
        return e;
    }

    private static String segment(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }
}
