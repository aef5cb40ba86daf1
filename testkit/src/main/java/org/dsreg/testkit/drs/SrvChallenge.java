package org.dsreg.testkit.drs;

import java.time.Instant;
import java.util.Map;

/**
 * {@code grant_type=srv_challenge} on the v1 token endpoint: a nonce answered {@code {"Nonce":"…"}} (MS-RDPBCGR
 * 3.1.5.1.2, libhimmelblau {@code request_nonce}, ROADtools {@code get_srv_challenge}), recorded so that a PRT
 * request may use it once, within {@link DrsEmulatorBuilder#challengeLifetime(java.time.Duration)}.
 *
 * <p>A missing, unknown, expired or reused {@code request_nonce} is {@code invalid_grant} AADSTS140000
 * (InvalidRequestNonce in Microsoft's AADSTS reference, whose text is "Request nonce isn't provided"; that the service
 * answers the same code for an unknown, expired or reused nonce is an assumption).
 */
final class SrvChallenge {
    static final String GRANT = "srv_challenge";
    static final int INVALID_REQUEST_NONCE = 140000;

    private final EmulatorState state;

    SrvChallenge(EmulatorState state) {
        this.state = state;
    }

    EmulatorResponse serve() {
        String nonce = state.randomToken(32);
        synchronized (state.lock) {
            state.challenges.put(nonce, Instant.now());
        }
        return new EmulatorResponse(200, state.bytes(Map.of("Nonce", nonce)));
    }

    /** Uses up a nonce of a PRT request. */
    static void use(EmulatorState state, String nonce) throws OAuthError {
        if (nonce == null || nonce.isBlank()) {
            throw refused("the request has no request_nonce");
        }
        synchronized (state.lock) {
            if (state.usedChallenges.containsKey(nonce)) {
                throw refused("the request_nonce was used already");
            }
            Instant issued = state.challenges.get(nonce);
            if (issued == null) {
                throw refused("the request_nonce was not issued by this service");
            }
            Instant expiry = issued.plus(state.config.challengeLifetime);
            if (Instant.now().isAfter(expiry)) {
                throw refused("the request_nonce expired at " + expiry);
            }
            state.challenges.remove(nonce);
            state.usedChallenges.put(nonce, Boolean.TRUE);
        }
    }

    private static OAuthError refused(String why) {
        return OAuthError.badRequest("invalid_grant", INVALID_REQUEST_NONCE, "InvalidRequestNonce: " + why + ".");
    }
}
