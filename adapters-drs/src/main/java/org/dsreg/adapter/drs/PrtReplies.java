package org.dsreg.adapter.drs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.dsreg.port.out.PrtAccessToken;
import org.dsreg.port.out.PrtGrant;
import org.dsreg.port.out.SessionKey;

/**
 * The token endpoint's successful replies to the PRT grants, read (reference §6a "PRT reply"): JSON, or for a
 * session-key-signed request a compact JWE under the derived key ({@link SessionKeyJwe#decryptReply}). A JSON reply
 * to such a request is read as it is, as ROADtools' {@code decrypt_auth_response} and libhimmelblau's token exchange
 * both do: TLS, verified, already protects it. Numbers may come as JSON numbers or strings (the service sends
 * {@code expires_in} as strings). The ID token's claims are read without checking its signature: it came over
 * verified TLS from the token endpoint in answer to this request, and dsreg takes from it only the account names that
 * label the PRT. Anything missing or unreadable is {@code bad-reply}; no message quotes a token.
 */
final class PrtReplies {
    private final Clock clock;

    PrtReplies(Clock clock) {
        this.clock = clock;
    }

    /** A reply that must be a JSON object. */
    static JsonNode json(TokenEndpointCalls.Reply reply, String what) {
        try {
            JsonNode n = JoseSegments.JSON.readTree(reply.body());
            if (n != null && n.isObject()) {
                return n;
            }
        } catch (IOException e) {
            // said below
        }
        throw TokenServiceErrors.badReply(reply.call(), Optional.of(reply.status()), what, "not a JSON object", null);
    }

    /** A reply to a session-key-signed request: the JWE decrypted with the session key (or JSON as it came). */
    static JsonNode decrypted(TokenEndpointCalls.Reply reply, SessionKey sessionKey, String what) {
        String body = new String(reply.body(), StandardCharsets.UTF_8).strip();
        if (body.startsWith("{")) {
            return json(reply, what);
        }
        byte[] plain;
        try {
            plain = SessionKeyJwe.decryptReply(body, sessionKey);
        } catch (SessionKeyCryptoException e) {
            throw TokenServiceErrors.badReply(reply.call(), Optional.of(reply.status()), what, e.getMessage(), e);
        }
        return json(new TokenEndpointCalls.Reply(reply.call(), reply.status(), plain), what);
    }

    /** A PRT grant: the PRT, its expiry, the account; the session key given (a first PRT) or none (a renewal). */
    PrtGrant grant(JsonNode reply, TokenEndpointCalls.Reply from, Optional<byte[]> sessionKey, String what) {
        String prt = required(reply, "refresh_token", from, what);
        Optional<JsonNode> idToken = DrsCalls.text(reply, "id_token").flatMap(JwtClaims::of);
        Optional<String> objectId = JwtClaims.text(idToken, "oid").or(() -> clientInfoUid(reply));
        return new PrtGrant(prt, sessionKey, JwtClaims.upn(idToken), objectId,
                seconds(reply.path("refresh_token_expires_in")).map(this::inSeconds), from.call().correlationId(),
                from.call().endpoint());
    }

    /** An access token: {@code access_token}, its expiry ({@code exp}, else {@code expires_in}), the scope granted. */
    PrtAccessToken accessToken(JsonNode reply, TokenEndpointCalls.Reply from, String what) {
        String token = required(reply, "access_token", from, what);
        Optional<Instant> expiresIn = seconds(reply.path("expires_in")).map(this::inSeconds);
        return new PrtAccessToken(JwtClaims.accessToken(token, expiresIn), DrsCalls.text(reply, "scope"));
    }

    /** A count of seconds as a JSON number or a string of digits. */
    static Optional<Long> seconds(JsonNode n) {
        if (n.isIntegralNumber() && n.asLong() >= 0) {
            return Optional.of(n.asLong());
        }
        if (n.isTextual() && n.asText().matches("\\d{1,12}")) {
            return Optional.of(Long.parseLong(n.asText()));
        }
        return Optional.empty();
    }

    private Instant inSeconds(long seconds) {
        return clock.instant().plusSeconds(seconds);
    }

    private static String required(JsonNode reply, String field, TokenEndpointCalls.Reply from, String what) {
        return DrsCalls.text(reply, field).orElseThrow(() -> TokenServiceErrors.badReply(from.call(),
                Optional.of(from.status()), what, "the reply has no " + field, null));
    }

    /** {@code client_info}'s {@code uid} (base64url JSON {@code {"uid","utid"}}): the user's object id. */
    private static Optional<String> clientInfoUid(JsonNode reply) {
        try {
            return DrsCalls.text(reply, "client_info").map(c -> Base64.getUrlDecoder().decode(c.replace("=", "")))
                    .map(PrtReplies::readTree).flatMap(n -> DrsCalls.text(n, "uid"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static JsonNode readTree(byte[] bytes) {
        try {
            JsonNode n = JoseSegments.JSON.readTree(bytes);
            return n == null ? JoseSegments.JSON.createObjectNode() : n;
        } catch (IOException e) {
            return JoseSegments.JSON.createObjectNode();
        }
    }
}
