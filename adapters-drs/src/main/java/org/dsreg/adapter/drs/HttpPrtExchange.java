package org.dsreg.adapter.drs;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import javax.inject.Inject;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.port.out.PrtAccessToken;
import org.dsreg.port.out.PrtExchange;
import org.dsreg.port.out.PrtGrant;
import org.dsreg.port.out.SessionKey;
import org.dsreg.port.out.TokenServiceException;
import org.dsreg.port.out.UserCredential;
import org.dsreg.spi.keystorage.KeyStorage;

/**
 * The PRT grants at the tenant's v1 token endpoint (docs/protocol.md "PRT requests"): each starts with a fresh
 * {@code srv_challenge} nonce (single use), then the jwt-bearer grant, RS256 by the device key for a first PRT,
 * HS256 under the KDF v2 derived session key for a renewal or an access token.
 */
final class HttpPrtExchange implements PrtExchange {
    static final String NONCE = "PRT nonce request";
    static final String ACQUIRE = "PRT request";
    static final String RENEW = "PRT renewal";
    static final String ACCESS_TOKEN = "access token request";

    private final TokenEndpointCalls calls;
    private final PrtReplies replies;
    private final SecureRandom random;

    @Inject
    HttpPrtExchange(TokenEndpointCalls calls) {
        this(calls, Clock.systemUTC(), new SecureRandom());
    }

    HttpPrtExchange(TokenEndpointCalls calls, Clock clock, SecureRandom random) {
        this.calls = calls;
        this.replies = new PrtReplies(clock);
        this.random = random;
    }

    @Override
    public PrtGrant acquire(Registration registration, KeyStorage storage, UserCredential credential) {
        String endpoint = TokenEndpointCalls.endpoint(registration.tenantDetails());
        KeyRef transport = registration.transportKey().orElseThrow(() -> TokenServiceErrors.noRequest(endpoint,
                "the registration has no transport key to receive a PRT session key with"));
        byte[] payload = PrtRequests.acquirePayload(credential.refreshToken(), nonce(endpoint));
        String jwt = DeviceSignedJwt.sign(storage, registration.deviceKey().alias(), registration.certificate().der(),
                payload);
        TokenEndpointCalls.Reply reply = calls.post(endpoint, ACQUIRE, PrtRequests.form(jwt, true));
        JsonNode json = PrtReplies.json(reply, ACQUIRE);
        String jwe = DrsCalls.text(json, "session_key_jwe").orElseThrow(() -> TokenServiceErrors.badReply(
                reply.call(), Optional.of(reply.status()), ACQUIRE, "the reply has no session_key_jwe", null));
        byte[] sessionKey;
        try {
            sessionKey = SessionKeyJwe.sessionKey(jwe, encrypted -> storage.decrypt(transport.alias(), encrypted));
        } catch (SessionKeyCryptoException e) {
            throw TokenServiceErrors.badReply(reply.call(), Optional.of(reply.status()), ACQUIRE, e.getMessage(), e);
        }
        try {
            return replies.grant(json, reply, Optional.of(sessionKey), ACQUIRE);
        } finally {
            Arrays.fill(sessionKey, (byte) 0);
        }
    }

    @Override
    public PrtGrant renew(Registration registration, String prt, SessionKey sessionKey) {
        String endpoint = TokenEndpointCalls.endpoint(registration.tenantDetails());
        byte[] payload = PrtRequests.renewPayload(prt, nonce(endpoint));
        TokenEndpointCalls.Reply reply = calls.post(endpoint, RENEW,
                PrtRequests.form(SessionKeyJwt.sign(sessionKey, payload, random), true));
        return replies.grant(PrtReplies.decrypted(reply, sessionKey, RENEW), reply, Optional.empty(), RENEW);
    }

    @Override
    public PrtAccessToken accessToken(Registration registration, String prt, SessionKey sessionKey, String clientId,
                                      String scope) {
        String endpoint = TokenEndpointCalls.endpoint(registration.tenantDetails());
        String resource = PrtRequests.resourceOf(scope).orElseThrow(() -> new TokenServiceException(
                org.dsreg.domain.ErrorKind.INVALID_ARGUMENTS, "the scope names no resource to ask a token for"
                + " (as https://graph.microsoft.com/.default)", Optional.empty(), Optional.empty(),
                "the scope names no resource", Optional.empty(), "", endpoint, null));
        byte[] payload = PrtRequests.accessTokenPayload(prt, nonce(endpoint), clientId, resource);
        TokenEndpointCalls.Reply reply = calls.post(endpoint, ACCESS_TOKEN,
                PrtRequests.form(SessionKeyJwt.sign(sessionKey, payload, random), false));
        return replies.accessToken(PrtReplies.decrypted(reply, sessionKey, ACCESS_TOKEN), reply, ACCESS_TOKEN);
    }

    /** A fresh {@code srv_challenge} nonce: {@code {"Nonce": "…"}}. */
    String nonce(String endpoint) {
        TokenEndpointCalls.Reply reply = calls.post(endpoint, NONCE, PrtRequests.nonceForm());
        return DrsCalls.text(PrtReplies.json(reply, NONCE), "Nonce").orElseThrow(() -> TokenServiceErrors.badReply(
                reply.call(), Optional.of(reply.status()), NONCE, "the reply has no Nonce", null));
    }
}
