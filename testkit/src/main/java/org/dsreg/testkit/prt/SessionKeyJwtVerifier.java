package org.dsreg.testkit.prt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Verifies a request signed with a PRT session key, as the service does: a compact JWS, {@code alg HS256}, a
 * {@code ctx} (standard base64), {@code kdf_ver} absent or 1 (v1) or 2 (v2: the KDF's context hashes the bytes the
 * payload segment decodes to), the signature under the derived key compared in constant time.
 */
public final class SessionKeyJwtVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionKeyJwtVerifier() {
    }

    /**
     * The payload's bytes (JSON) of a JWS whose signature verifies under {@code sessionKey}.
     *
     * @throws IllegalArgumentException naming what is wrong (never a key)
     */
    public static byte[] verify(String jws, byte[] sessionKey) {
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("the request is not a JWS compact serialization (3 parts)");
        }
        JsonNode header = json(segment(parts[0], "header"));
        if (!"HS256".equals(header.path("alg").asText(null))) {
            throw new IllegalArgumentException("the request's alg must be HS256, was " + header.path("alg"));
        }
        byte[] ctx;
        try {
            ctx = Base64.getDecoder().decode(header.path("ctx").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the request's ctx is not base64");
        }
        if (ctx.length == 0) {
            throw new IllegalArgumentException("the request's header has no ctx");
        }
        byte[] payload = segment(parts[1], "payload");
        JsonNode version = header.get("kdf_ver");
        byte[] derived;
        if (version == null || version.isIntegralNumber() && version.asInt() == 1) {
            derived = ServiceKdf.derive(sessionKey, ctx);
        } else if (version.isIntegralNumber() && version.asInt() == 2) {
            derived = ServiceKdf.deriveV2(sessionKey, ctx, payload);
        } else {
            throw new IllegalArgumentException("the request's kdf_ver must be absent, 1 or 2, was " + version);
        }
        byte[] expected = hmac(derived, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, segment(parts[2], "signature"))) {
            throw new IllegalArgumentException("the request's signature does not verify with the session key");
        }
        json(payload);
        return payload;
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(message, 0, message.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    private static byte[] segment(String b64url, String what) {
        try {
            return Base64.getUrlDecoder().decode(b64url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the request's " + what + " is not base64url");
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // refused below
        }
        throw new IllegalArgumentException("the request's header or payload is not a JSON object");
    }
}
