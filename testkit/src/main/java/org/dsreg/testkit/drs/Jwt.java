package org.dsreg.testkit.drs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Compact RS256 JSON Web Tokens: signing and strict verification. */
final class Jwt {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private Jwt() {
    }

    /** Signs {@code header.claims} with RS256; the header's {@code alg} is set by the caller. */
    static String sign(ObjectMapper json, Map<String, Object> header, Map<String, Object> claims, PrivateKey key) {
        try {
            String signingInput = B64URL.encodeToString(json.writeValueAsBytes(header)) + "."
                    + B64URL.encodeToString(json.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(s.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /**
     * Verifies the structure, the RS256 signature and returns the claims. Time and audience are the caller's.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static JsonNode verify(ObjectMapper json, String token, PublicKey key) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("the bearer token is not a JWS compact serialization (3 parts)");
        }
        JsonNode header = part(json, parts[0], "header");
        JsonNode claims = part(json, parts[1], "payload");
        if (!"RS256".equals(header.path("alg").asText(null))) {
            throw new IllegalArgumentException("the token's alg must be RS256, was " + header.path("alg"));
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the token signature is not base64url");
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!s.verify(signature)) {
                throw new IllegalArgumentException("the token signature does not verify with the emulator's key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the token signature does not verify: " + e.getMessage());
        }
        return claims;
    }

    private static JsonNode part(ObjectMapper json, String b64, String what) {
        JsonNode node;
        try {
            node = json.readTree(Base64.getUrlDecoder().decode(b64));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new IllegalArgumentException("the token " + what + " is not base64url JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the token " + what + " is not a JSON object");
        }
        return node;
    }
}
