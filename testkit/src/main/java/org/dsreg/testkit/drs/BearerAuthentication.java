package org.dsreg.testkit.drs;

import java.time.Instant;

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
        String auth = request.header("authorization");
        if (auth == null || auth.isBlank()) {
            throw unauthorized("the Authorization header is missing (Bearer <DRS access token>)");
        }
        if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("the Authorization header must carry a Bearer token");
        }
        JsonNode claims;
        try {
            claims = Jwt.verify(state.json, auth.substring(7).trim(), state.tokenKey.getPublic());
        } catch (IllegalArgumentException e) {
            throw unauthorized(e.getMessage());
        }
        long now = Instant.now().getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw unauthorized("the token has no numeric exp claim");
        }
        if (now >= exp.asLong()) {
            throw unauthorized("the token expired at " + Instant.ofEpochSecond(exp.asLong()));
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || now + 60 < nbf.asLong())) {
            throw unauthorized("the token is not valid before " + nbf);
        }
        String aud = claims.path("aud").asText("");
        if (!claims.path("aud").isTextual() || !DrsEmulator.DRS_RESOURCE.equals(aud)) {
            throw unauthorized("the token audience is " + claims.path("aud") + ", not " + DrsEmulator.DRS_RESOURCE);
        }
        if (!state.tenantId.toString().equalsIgnoreCase(claims.path("tid").asText(""))) {
            throw unauthorized("the token is for tenant " + claims.path("tid") + ", not " + state.tenantId);
        }
        String upn = claims.path("upn").asText("");
        if (upn.isBlank()) {
            throw unauthorized("the token has no upn claim");
        }
        return upn;
    }

    private static DrsError unauthorized(String message) {
        return new DrsError(401, DrsError.AUTHENTICATION, message);
    }
}
