package org.dsreg.testkit.drs;

import java.util.Map;

/**
 * {@code POST /{tenant}/oauth2/token}, the v1 token endpoint discovery names as {@code TokenEndpoint}: the PRT's
 * {@code grant_type=srv_challenge} ({@link SrvChallenge}) and {@code urn:ietf:params:oauth:grant-type:jwt-bearer}
 * ({@link JwtBearerGrant}). The body is read as a form whatever its Content-Type (libhimmelblau {@code src/auth.rs}
 * {@code request_nonce} sends none). Any other grant type is {@code unsupported_grant_type} (AADSTS70003), an OAuth
 * error rather than a 404.
 */
final class V1TokenEndpoint {
    private final EmulatorState state;
    private final SrvChallenge challenge;
    private final JwtBearerGrant jwtBearer;

    V1TokenEndpoint(EmulatorState state) {
        this.state = state;
        this.challenge = new SrvChallenge(state);
        this.jwtBearer = new JwtBearerGrant(state);
    }

    EmulatorResponse serve(String tenant, EmulatorRequest request) throws OAuthError {
        OAuthForms.requireTenant(state, tenant);
        Map<String, String> form = OAuthForms.form(request);
        String grant = OAuthForms.requireParam(form, "grant_type");
        return switch (grant) {
            case SrvChallenge.GRANT -> challenge.serve();
            case JwtBearerGrant.GRANT -> jwtBearer.serve(form);
            default -> throw OAuthError.badRequest("unsupported_grant_type", 70003, "the v1 token endpoint of this"
                    + " emulator serves grant_type=" + SrvChallenge.GRANT + " and " + JwtBearerGrant.GRANT
                    + " only, not " + grant + " (device code tokens come from /oauth2/v2.0/token)");
        };
    }
}
