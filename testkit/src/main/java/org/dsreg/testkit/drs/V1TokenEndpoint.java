package org.dsreg.testkit.drs;

import java.util.Map;

/**
 * {@code POST /{tenant}/oauth2/token}, the v1 token endpoint discovery names as {@code TokenEndpoint}. It serves
 * {@code grant_type=srv_challenge}, the nonce a PRT request signs, answered {@code {"Nonce":"…"}} (libhimmelblau
 * {@code src/auth.rs} request_nonce, which sends the form without a Content-Type, so the body is read as a form
 * whatever its Content-Type). The emulator issues no PRT: any other grant type, the PRT's jwt-bearer included, is
 * answered {@code unsupported_grant_type} (AADSTS70003), an OAuth error rather than a 404.
 */
final class V1TokenEndpoint {
    static final String SRV_CHALLENGE = "srv_challenge";

    private final EmulatorState state;

    V1TokenEndpoint(EmulatorState state) {
        this.state = state;
    }

    EmulatorResponse serve(String tenant, EmulatorRequest request) throws OAuthError {
        OAuthForms.requireTenant(state, tenant);
        String grant = OAuthForms.requireParam(OAuthForms.form(request), "grant_type");
        if (!SRV_CHALLENGE.equals(grant)) {
            throw OAuthError.badRequest("unsupported_grant_type", 70003, "the v1 token endpoint of this emulator"
                    + " serves grant_type=" + SRV_CHALLENGE + " only, not " + grant
                    + " (device code tokens come from /oauth2/v2.0/token)");
        }
        return new EmulatorResponse(200, state.bytes(Map.of("Nonce", state.randomToken(32))));
    }
}
