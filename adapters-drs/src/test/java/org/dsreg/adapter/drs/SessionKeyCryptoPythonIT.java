package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dsreg.testkit.ExternalTools;
import org.dsreg.testkit.PythonScript;
import org.dsreg.testkit.prt.SessionKeyJweWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PRT session-key cryptography cross-checked against an implementation that shares nothing with ours: Python's
 * {@code cryptography} (Debian {@code python3-cryptography}) in {@code prt_crypto_crosscheck.py}. Its
 * {@code KBKDFHMAC} (counter mode, HMAC-SHA256, rlen 4, llen 4, counter before the fixed input) gives our derived
 * keys for fixed vectors, v1 and v2; it verifies our session-key JWS; its {@code AESGCM} and AES-CBC open the replies
 * the test kit writes, and ours open the replies it writes; its RSA OAEP(SHA-1) writes a {@code session_key_jwe} our
 * code decrypts through the key-storage port. A missing python3 or library fails the test, never skips it.
 */
class SessionKeyCryptoPythonIT {
    private static final HexFormat HEX = HexFormat.of();
    private final ObjectMapper json = new ObjectMapper();
    private final MemoryKeyStorage storage = new MemoryKeyStorage();

    @TempDir
    Path dir;

    @Test
    void pythonCryptographyAgreesWithDsreg() throws Exception {
        byte[] sessionKey = SessionKeyKdfTest.bytes(32, 41);
        byte[] ctx = SessionKeyKdfTest.bytes(24, 42);
        byte[] plaintext = "{\"token_type\":\"pop\",\"expires_in\":\"4199\"}".getBytes(StandardCharsets.UTF_8);
        InMemorySessionKey key = new InMemorySessionKey(sessionKey);

        List<Map<String, String>> kdf = new ArrayList<>();
        List<byte[]> ours = new ArrayList<>();
        for (int seed = 0; seed < 8; seed++) {
            byte[] k = SessionKeyKdfTest.bytes(32, 100 + seed);
            byte[] context = SessionKeyKdfTest.bytes(1 + 7 * seed, 200 + seed);
            kdf.add(Map.of("key", HEX.formatHex(k), "context", HEX.formatHex(context)));
            ours.add(SessionKeyKdf.derive(new InMemorySessionKey(k), context));
        }
        byte[] payload = "{\"refresh_token\":\"0.A\",\"request_nonce\":\"AwAB\"}".getBytes(StandardCharsets.UTF_8);
        String v2 = SessionKeyJwt.sign(key, payload, new SecureRandom());
        String v1 = SessionKeyJwt.sign(key, SessionKeyKdf.Version.V1, ctx, payload);
        String gcm = SessionKeyJweWriter.gcmReply(sessionKey, ctx, SessionKeyKdfTest.bytes(12, 43), plaintext);
        String cbc = SessionKeyJweWriter.cbcReply(sessionKey, ctx, SessionKeyKdfTest.bytes(16, 44), plaintext);

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("kdf", kdf);
        request.put("kdf_v2", List.of(Map.of("key", HEX.formatHex(sessionKey), "ctx", HEX.formatHex(ctx),
                "payload", HEX.formatHex(payload))));
        request.put("jws", List.of(Map.of("jws", v2, "key", HEX.formatHex(sessionKey)),
                Map.of("jws", v1, "key", HEX.formatHex(sessionKey))));
        request.put("open", List.of(Map.of("jwe", gcm, "key", HEX.formatHex(sessionKey)),
                Map.of("jwe", cbc, "key", HEX.formatHex(sessionKey))));
        request.put("seal", Map.of("key", HEX.formatHex(sessionKey), "ctx", HEX.formatHex(ctx),
                "plaintext", HEX.formatHex(plaintext)));
        request.put("session_key_jwe", Map.of("public_der",
                Base64.getEncoder().encodeToString(storage.generate("transport").getEncoded())));
        JsonNode answer = python(json.writeValueAsBytes(request));

        for (int i = 0; i < ours.size(); i++) {
            assertEquals(HEX.formatHex(ours.get(i)), answer.get("kdf").get(i).asText(), "KDF vector " + i);
        }
        assertEquals(HEX.formatHex(SessionKeyKdf.derive(key, SessionKeyKdf.Version.V2, ctx, payload)),
                answer.get("kdf_v2").get(0).asText(), "KDF v2");
        assertEquals(2, answer.get("jws").get(0).get("kdf_ver").asInt());
        assertEquals(HEX.formatHex(payload), answer.get("jws").get(0).get("payload").asText());
        assertEquals(HEX.formatHex(payload), answer.get("jws").get(1).get("payload").asText());
        assertEquals(HEX.formatHex(plaintext), answer.get("open").get(0).asText(), "Python opens the GCM form");
        assertEquals(HEX.formatHex(plaintext), answer.get("open").get(1).asText(), "Python opens the CBC form");
        assertArrayEquals(plaintext, SessionKeyJwe.decryptReply(answer.get("seal").get("gcm").asText(), key));
        assertArrayEquals(plaintext, SessionKeyJwe.decryptReply(answer.get("seal").get("cbc").asText(), key));
        JsonNode jwe = answer.get("session_key_jwe");
        assertEquals(jwe.get("session_key").asText(), HEX.formatHex(SessionKeyJwe.sessionKey(jwe.get("jwe").asText(),
                c -> storage.decrypt("transport", c))));
    }

    private JsonNode python(byte[] stdin) throws Exception {
        PythonScript script = PythonScript.require(getClass(), "prt_crypto_crosscheck.py", dir,
                List.of("cryptography"), "python3-cryptography");
        ExternalTools.Result run = script.run(List.of(), stdin, Map.of(), dir);
        assertEquals(0, run.exitCode(), "the Python cross-check failed: " + run.stderr());
        return json.readTree(run.stdout());
    }
}
