package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dsreg.testkit.prt.SessionKeyJwtVerifier;
import org.junit.jupiter.api.Test;

/** Session-key-signed requests: what dsreg sends, checked by the test kit's service-side verifier. */
class SessionKeyJwtTest {
    static final byte[] KEY = SessionKeyKdfTest.bytes(32, 21);
    static final byte[] PAYLOAD = "{\"client_id\":\"38aa3b87-a06d-4817-b275-7a316988d93b\",\"request_nonce\":\"AwABE\"}"
            .getBytes(StandardCharsets.UTF_8);
    final ObjectMapper json = new ObjectMapper();

    String signed() {
        return SessionKeyJwt.sign(new InMemorySessionKey(KEY), PAYLOAD, new SecureRandom());
    }

    @Test
    void dsregSendsVersion2WithA24ByteCtxAndTheHeaderOfThePublicClients() throws Exception {
        String jws = signed();
        String[] parts = jws.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        assertTrue(header.matches("\\{\"alg\":\"HS256\",\"ctx\":\"[A-Za-z0-9+/]{32}\",\"kdf_ver\":2,\"typ\":\"JWT\"}"),
                header);
        JsonNode h = json.readTree(header);
        assertEquals(24, Base64.getDecoder().decode(h.get("ctx").asText()).length);
        assertArrayEquals(PAYLOAD, Base64.getUrlDecoder().decode(parts[1]), "the payload is sent as given");
        assertArrayEquals(PAYLOAD, SessionKeyJwtVerifier.verify(jws, KEY));
    }

    @Test
    void eachRequestHasItsOwnCtx() {
        assertTrue(!signed().split("\\.")[0].equals(signed().split("\\.")[0]));
    }

    @Test
    void version1IsSignedWithoutKdfVerAndVerifies() {
        byte[] ctx = SessionKeyKdfTest.bytes(32, 22);
        String jws = SessionKeyJwt.sign(new InMemorySessionKey(KEY), SessionKeyKdf.Version.V1, ctx, PAYLOAD);
        String header = new String(Base64.getUrlDecoder().decode(jws.split("\\.")[0]), StandardCharsets.UTF_8);
        assertEquals("{\"alg\":\"HS256\",\"ctx\":\"" + Base64.getEncoder().encodeToString(ctx) + "\",\"typ\":\"JWT\"}",
                header);
        assertArrayEquals(PAYLOAD, SessionKeyJwtVerifier.verify(jws, KEY));
    }

    /** The payload bytes, not their JSON meaning, are what v2 hashes: the same JSON re-spaced does not verify. */
    @Test
    void version2BindsTheExactPayloadBytes() {
        String[] parts = signed().split("\\.");
        String respaced = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(PAYLOAD, StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8));
        String forged = parts[0] + "." + respaced + "." + parts[2];
        assertThrows(IllegalArgumentException.class, () -> SessionKeyJwtVerifier.verify(forged, KEY));
    }

    @Test
    void theVerifierRefusesAnotherKeyAnotherKdfVersionAndAnotherAlg() {
        String jws = signed();
        assertThrows(IllegalArgumentException.class,
                () -> SessionKeyJwtVerifier.verify(jws, SessionKeyKdfTest.bytes(32, 23)));
        String[] parts = jws.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        for (String other : new String[] {header.replace("\"kdf_ver\":2", "\"kdf_ver\":3"),
            header.replace("HS256", "none"), header.replace("\"kdf_ver\":2", "\"kdf_ver\":\"2\"")}) {
            String forged = b64.encodeToString(other.getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "."
                    + parts[2];
            assertThrows(IllegalArgumentException.class, () -> SessionKeyJwtVerifier.verify(forged, KEY), other);
        }
        assertThrows(IllegalArgumentException.class, () -> SessionKeyJwtVerifier.verify(parts[0] + "." + parts[1],
                KEY));
    }
}
