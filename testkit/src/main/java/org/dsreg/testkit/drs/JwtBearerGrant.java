package org.dsreg.testkit.drs;

import java.util.Map;
import java.util.Set;

/**
 * {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer} on the v1 token endpoint, the PRT requests of
 * reference §6 and §6a: the form's {@code request} (a JWS) goes by its header's {@code alg} to
 * {@link PrtIssuance} (RS256, signed by the device key) or {@link PrtSignedRequest} (HS256, signed with a key derived
 * from a PRT's session key). {@code client_info} and {@code tgt} are accepted with any value (ROADtools sends
 * {@code tgt=True}, libhimmelblau {@code tgt=true}); {@code windows_api_version}, when sent, must be 2.0
 * (libhimmelblau's PRT request) or 2.2 (ROADtools, libhimmelblau's session-key requests): refusing another value
 * (AADSTS9002313) is the emulator's own choice, to catch a client's typo. While
 * {@link DrsEmulator#failPrtRequests(String, int, String)} is set, every request is refused with that error first.
 */
final class JwtBearerGrant {
    static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Set<String> API_VERSIONS = Set.of("2.0", "2.2");

    private final EmulatorState state;
    private final PrtIssuance issuance;
    private final PrtSignedRequest signed;

    JwtBearerGrant(EmulatorState state) {
        this.state = state;
        PrtTokens tokens = new PrtTokens(state);
        this.issuance = new PrtIssuance(state, tokens);
        this.signed = new PrtSignedRequest(state, tokens);
    }

    EmulatorResponse serve(Map<String, String> form) throws OAuthError {
        OAuthError failure = state.prtFailure;
        if (failure != null) {
            throw failure;
        }
        String version = form.get("windows_api_version");
        if (version != null && !API_VERSIONS.contains(version)) {
            throw PrtJws.malformed("windows_api_version must be 2.0 or 2.2, was '" + version + "'");
        }
        PrtJws jws = PrtJws.parse(state.json, OAuthForms.requireParam(form, "request"));
        return switch (jws.alg()) {
            case "RS256" -> issuance.serve(jws);
            case "HS256" -> signed.serve(jws);
            default -> throw PrtJws.malformed("the request's alg must be RS256 (device key) or HS256 (session"
                    + " key), was '" + jws.alg() + "'");
        };
    }
}
