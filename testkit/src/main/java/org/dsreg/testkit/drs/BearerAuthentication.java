package org.dsreg.testkit.drs;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The join's {@code Authorization: Bearer} check, the one request header MS-DRS 3.3 marks required: an RS256 JWT
 * signed by this emulator, not expired, {@code nbf} at most 60 s ahead, {@code aud} = the DRS resource, {@code tid}
 * = the tenant, a {@code upn}. Anything else is 401 {@code AuthenticationError} with {@code WWW-Authenticate: Bearer}.
 */
final class BearerAuthentication {
    private final EmulatorState state;

    BearerAuthentication(EmulatorState state) {
        this.state = state;
    }

    /**
     * The user the request's bearer token names.
     *
     * @param request the request
     * @return the token's {@code upn}
     * @throws DrsError 401 when the token is missing or not acceptable
     */
    String authenticate(EmulatorRequest request) throws DrsError {
        try {
            return claims(state, request.header("authorization"), Set.of(DrsEmulator.DRS_RESOURCE))
                    .path("upn").asText("");
        } catch (IllegalArgumentException e) {
            throw unauthorized(e.getMessage());
        }
    }

    /**
     * The claims of an {@code Authorization: Bearer} token signed by this emulator, not expired, {@code nbf} at
     * most 60 s ahead, with one of {@code audiences}, this tenant's {@code tid} and a {@code upn}.
     *
     * @param state         the emulator
     * @param authorization the header's value, or {@code null}
     * @param audiences     the audiences accepted
     * @return the claims
     * @throws IllegalArgumentException naming what is wrong
     */
    static JsonNode claims(EmulatorState state, String authorization, Set<String> audiences) {
        if (authorization == null || authorization.isBlank()) {
            throw new IllegalArgumentException("the Authorization header is missing (Bearer <access token>)");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new IllegalArgumentException("the Authorization header must carry a Bearer token");
        }
        JsonNode claims = Jwt.verify(state.json, authorization.substring(7).trim(), state.tokenKey.getPublic());
        long now = Instant.now().getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw new IllegalArgumentException("the token has no numeric exp claim");
        }
        if (now >= exp.asLong()) {
            throw new IllegalArgumentException("the token expired at " + Instant.ofEpochSecond(exp.asLong()));
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || now + 60 < nbf.asLong())) {
            throw new IllegalArgumentException("the token is not valid before " + nbf);
        }
        if (!claims.path("aud").isTextual() || !audiences.contains(claims.path("aud").asText())) {
            throw new IllegalArgumentException("the token audience is " + claims.path("aud") + ", not "
                    + String.join(" or ", audiences));
        }
        if (!state.tenantId.toString().equalsIgnoreCase(claims.path("tid").asText(""))) {
            throw new IllegalArgumentException("the token is for tenant " + claims.path("tid") + ", not "
                    + state.tenantId);
        }
        if (claims.path("upn").asText("").isBlank()) {
            throw new IllegalArgumentException("the token has no upn claim");
        }
        return claims;
    }

    private static DrsError unauthorized(String message) {
        return new DrsError(401, DrsError.AUTHENTICATION, message);
    }
}
