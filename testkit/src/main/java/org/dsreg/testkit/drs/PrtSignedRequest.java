package org.dsreg.testkit.drs;

import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.dsreg.testkit.prt.SessionKeyJweWriter;
import org.dsreg.testkit.prt.SessionKeyJwtVerifier;

/**
 * A jwt-bearer request signed HS256 with a key derived from a PRT's session key (header {@code ctx}, standard
 * base64, and {@code kdf_ver} absent or 1 for KDF v1, 2 for v2). In this order:
 * <ul>
 *   <li>no usable {@code ctx}: {@code invalid_request} AADSTS9002313; another {@code kdf_ver}:
 *       {@code invalid_request} AADSTS5000611 "Symmetric Key Derivation Function version … is invalid"
 *       (Gerenios/AADInternals issue 88);</li>
 *   <li>a payload {@code refresh_token} that is not a PRT this emulator issued: {@code invalid_grant} AADSTS70000;
 *       its device deleted since: {@code invalid_grant} AADSTS700003; disabled since
 *       ({@link DeviceAdmin#disable}): {@code invalid_grant} AADSTS135011, as {@link PrtIssuance} (a PRT does not
 *       outlive its device's account: the service checks the device on every PRT use);</li>
 *   <li>a signature that does not verify with the key derived from that PRT's session key: {@code invalid_grant}
 *       AADSTS7000016 "Primary refresh token is not signed with session key" (Gerenios/AADInternals issue 42);</li>
 *   <li>a PRT revoked ({@link DrsEmulator#revokePrts()}, or renewed with
 *       {@link DrsEmulatorBuilder#revokeRenewedPrts(boolean)}): AADSTS50173; expired
 *       ({@link DrsEmulatorBuilder#prtLifetime}): AADSTS70008;</li>
 *   <li>{@code request_nonce}: {@link SrvChallenge#use}; no {@code client_id}: AADSTS900144; a {@code grant_type}
 *       other than {@code refresh_token}: AADSTS70003.</li>
 * </ul>
 * Then, with {@code aza} in the scope (ROADtools {@code renew_prt} "openid aza ugs", libhimmelblau
 * {@code exchange_prt_for_prt} "openid ugs aza"), a renewal: a new PRT for the same session key, without
 * {@code session_key_jwe}; the PRT renewed stays valid (lenient: the service is not known to revoke it at once, and
 * a client that loses the reply must still hold a working PRT). Otherwise an access token for the payload's
 * {@code resource}, else the resource of a {@code <resource>/.default} scope, else Azure AD Graph (the service's
 * default, libhimmelblau {@code exchange_prt_for_access_token_jwt_bearer}). The reply is a compact JWE under the KDF
 * v1 key of a fresh {@code ctx}: AES-GCM, or AES-CBC with {@link DrsEmulatorBuilder#prtRepliesCbc(boolean)}.
 */
final class PrtSignedRequest {
    static final int NOT_SIGNED_WITH_SESSION_KEY = 7000016;
    static final int EXPIRED_GRANT = 70008;
    static final int REVOKED_GRANT = 50173;
    static final int INVALID_KDF_VERSION = 5000611;
    static final String AAD_GRAPH = "00000002-0000-0000-c000-000000000000";

    private final EmulatorState state;
    private final PrtTokens tokens;

    PrtSignedRequest(EmulatorState state, PrtTokens tokens) {
        this.state = state;
        this.tokens = tokens;
    }

    EmulatorResponse serve(PrtJws jws) throws OAuthError {
        checkHeader(jws.header());
        PrtSession session = session(jws.requireClaim("refresh_token"));
        try {
            SessionKeyJwtVerifier.verify(jws.compact(), session.sessionKey());
        } catch (IllegalArgumentException e) {
            throw OAuthError.badRequest("invalid_grant", NOT_SIGNED_WITH_SESSION_KEY,
                    "Primary refresh token is not signed with session key.");
        }
        SrvChallenge.use(state, jws.claim("request_nonce"));
        String clientId = jws.requireClaim("client_id");
        String scope = jws.claim("scope") == null ? "" : jws.claim("scope");
        List<String> scopes = Arrays.asList(scope.split(" "));
        Map<String, Object> body;
        if (!"refresh_token".equals(jws.claim("grant_type"))) { // both public clients send it (reference §6a)
            throw OAuthError.badRequest("unsupported_grant_type", 70003, "the request's grant_type must be"
                    + " refresh_token, was " + jws.claim("grant_type"));
        }
        if (scopes.contains("aza")) {
            String prt = state.randomToken(96);
            synchronized (state.lock) {
                state.keepPrt(prt, session);
                session.renewals++;
                if (state.config.revokeRenewedPrts) {
                    state.revokedPrts.put(jws.claim("refresh_token"), Boolean.TRUE);
                }
            }
            body = tokens.prtReply(prt, null, session.upn, clientId);
        } else {
            body = tokens.accessTokenReply(session.upn, clientId, resource(jws.claim("resource"), scopes),
                    session.deviceId, scopes.contains("openid"));
        }
        return new EmulatorResponse(200, encrypt(session.sessionKey(), state.bytes(body))
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static void checkHeader(JsonNode header) throws OAuthError {
        try {
            if (Base64.getDecoder().decode(header.path("ctx").asText("")).length == 0) {
                throw PrtJws.malformed("the request header has no ctx");
            }
        } catch (IllegalArgumentException e) {
            throw PrtJws.malformed("the request header's ctx is not base64");
        }
        JsonNode version = header.get("kdf_ver");
        if (version != null && !(version.isIntegralNumber() && (version.asInt() == 1 || version.asInt() == 2))) {
            throw OAuthError.badRequest("invalid_request", INVALID_KDF_VERSION,
                    "Symmetric Key Derivation Function version '" + version + "' is invalid.");
        }
    }

    private PrtSession session(String prt) throws OAuthError {
        PrtSession session;
        RegisteredDevice device;
        Instant expires;
        boolean revoked;
        boolean disabled;
        synchronized (state.lock) {
            session = state.prts.get(prt);
            device = session == null ? null : state.devices.get(session.deviceId);
            disabled = session != null && state.disabled(session.deviceId);
            expires = state.prtExpiries.get(prt);
            revoked = state.revokedPrts.containsKey(prt);
        }
        if (session == null) {
            throw OAuthError.badRequest("invalid_grant", PrtIssuance.INVALID_GRANT,
                    "Provided grant is invalid or malformed: the refresh_token is not a PRT issued by this service.");
        }
        if (revoked) {
            throw OAuthError.badRequest("invalid_grant", REVOKED_GRANT,
                    "The provided grant has expired due to it being revoked, a fresh auth token is needed.");
        }
        if (expires != null && Instant.now().isAfter(expires)) {
            throw OAuthError.badRequest("invalid_grant", EXPIRED_GRANT,
                    "The provided authorization code or refresh token has expired due to inactivity.");
        }
        if (device == null || device.deleted()) {
            throw PrtIssuance.deviceNotFound(state);
        }
        if (disabled) {
            throw PrtIssuance.deviceDisabled();
        }
        return session;
    }

    private static String resource(String resource, List<String> scopes) {
        if (resource != null && !resource.isBlank()) {
            return resource;
        }
        for (String s : scopes) {
            if (s.endsWith("/.default")) {
                return s.substring(0, s.length() - "/.default".length());
            }
        }
        return AAD_GRAPH;
    }

    private String encrypt(byte[] sessionKey, byte[] plaintext) {
        byte[] ctx = new byte[24];
        state.random.nextBytes(ctx);
        byte[] iv = new byte[state.config.prtRepliesCbc ? 16 : 12];
        state.random.nextBytes(iv);
        return state.config.prtRepliesCbc ? SessionKeyJweWriter.cbcReply(sessionKey, ctx, iv, plaintext)
                : SessionKeyJweWriter.gcmReply(sessionKey, ctx, iv, plaintext);
    }
}
