package org.dsreg.testkit.drs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code request} of a PRT request, a compact JWS, split and decoded but not verified: its header and payload
 * (JSON objects), the payload's bytes, the signing input and the signature. Anything else is {@code invalid_request}
 * AADSTS9002313 ("Request is malformed or invalid", Microsoft's AADSTS reference).
 *
 * @param compact   the JWS as sent
 * @param header    the protected header
 * @param payload   the claims
 * @param signature the signature bytes
 */
record PrtJws(String compact, JsonNode header, JsonNode payload, byte[] signature) {
    static final int MALFORMED = 9002313;

    static PrtJws parse(ObjectMapper json, String compact) throws OAuthError {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw malformed("the request is not a JWS compact serialization (3 parts)");
        }
        return new PrtJws(compact, object(json, parts[0], "header"), object(json, parts[1], "payload"),
                decode(parts[2], "signature"));
    }

    /** What the signature covers: the first two segments and their dot, ASCII. */
    byte[] signingInput() {
        return compact.substring(0, compact.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    }

    String alg() {
        return header.path("alg").asText("");
    }

    /** A string claim of the payload, or {@code null}. */
    String claim(String name) {
        JsonNode v = payload.get(name);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** A string claim that must be there: else {@code invalid_request} AADSTS900144, as a missing form field. */
    String requireClaim(String name) throws OAuthError {
        String v = claim(name);
        if (v == null || v.isBlank()) {
            throw OAuthError.badRequest("invalid_request", 900144,
                    "The request JWT must contain the following claim: '" + name + "'.");
        }
        return v;
    }

    static OAuthError malformed(String why) {
        return OAuthError.badRequest("invalid_request", MALFORMED, "InvalidRequest: " + why + ".");
    }

    private static JsonNode object(ObjectMapper json, String segment, String what) throws OAuthError {
        try {
            JsonNode node = json.readTree(decode(segment, what));
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // refused below
        }
        throw malformed("the request's " + what + " is not a JSON object");
    }

    private static byte[] decode(String segment, String what) throws OAuthError {
        try {
            return Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw malformed("the request's " + what + " is not base64url");
        }
    }
}
