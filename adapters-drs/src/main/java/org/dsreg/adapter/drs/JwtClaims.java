package org.dsreg.adapter.drs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.dsreg.domain.AccessToken;

/**
 * What dsreg reads from a token the service issued without checking its signature: an access token's {@code aud},
 * {@code tid} and {@code exp} (for display and for the checks made before use), an ID token's account names. The
 * token came over verified TLS straight from the token endpoint; its signature is for its audience to check.
 */
final class JwtClaims {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JwtClaims() {
    }

    /** An access token with the audience, tenant and expiry its claims name ({@code expiresIn} when it names none). */
    static AccessToken accessToken(String token, Optional<Instant> expiresIn) {
        Optional<JsonNode> claims = of(token);
        Optional<String> audience = claims.map(c -> c.path("aud")).flatMap(a -> a.isTextual()
                ? Optional.of(a.asText()) : a.isArray() && a.size() > 0 ? Optional.of(a.get(0).asText()) : Optional.empty());
        Optional<Instant> exp = claims.map(c -> c.path("exp")).filter(JsonNode::canConvertToLong)
                .map(e -> Instant.ofEpochSecond(e.asLong()));
        Optional<String> tenant = text(claims, "tid");
        return new AccessToken(token, exp.or(() -> expiresIn), audience, tenant);
    }

    /** The body of a JWT, or empty when the token is not one. */
    static Optional<JsonNode> of(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A non-empty text claim. */
    static Optional<String> text(Optional<JsonNode> claims, String name) {
        return claims.map(c -> c.path(name)).filter(JsonNode::isTextual).map(JsonNode::asText).filter(s -> !s.isEmpty());
    }

    /** The account an ID token names: {@code preferred_username}, else {@code upn}, else {@code unique_name}. */
    static Optional<String> upn(Optional<JsonNode> idToken) {
        return text(idToken, "preferred_username").or(() -> text(idToken, "upn"))
                .or(() -> text(idToken, "unique_name"));
    }
}
