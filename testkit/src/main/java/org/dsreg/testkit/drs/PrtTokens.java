package org.dsreg.testkit.drs;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tokens in PRT replies: the PRT reply body (reference §6a: {@code token_type} "pop", {@code expires_in},
 * {@code ext_expires_in} and {@code expires_on} as strings, {@code refresh_token_expires_in} a number, as
 * libhimmelblau's {@code PrimaryRefreshToken} reads it), the emulator-signed {@code id_token}, {@code client_info}
 * and access tokens.
 */
final class PrtTokens {
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

    private final EmulatorState state;

    PrtTokens(EmulatorState state) {
        this.state = state;
    }

    /** The body of a PRT reply (acquisition or renewal); {@code sessionKeyJwe} only for an acquisition. */
    Map<String, Object> prtReply(String prt, String sessionKeyJwe, String upn, String clientId) {
        Instant now = Instant.now();
        Duration prtLifetime = state.config.prtLifetime;
        String lifetime = Long.toString(prtLifetime.toSeconds());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "pop");
        body.put("expires_in", lifetime);
        body.put("ext_expires_in", lifetime);
        body.put("expires_on", Long.toString(now.plus(prtLifetime).getEpochSecond()));
        body.put("refresh_token", prt);
        body.put("refresh_token_expires_in", prtLifetime.toSeconds());
        if (sessionKeyJwe != null) {
            body.put("session_key_jwe", sessionKeyJwe);
        }
        body.put("id_token", idToken(upn, clientId, now));
        body.put("client_info", clientInfo(upn));
        return body;
    }

    /**
     * The body of an access-token reply: v1 style ({@code expires_in}, {@code ext_expires_in}, {@code expires_on}
     * strings), with a user refresh token for the client (libhimmelblau's {@code UserToken} requires one) and an
     * {@code id_token} when the scope has {@code openid}.
     */
    Map<String, Object> accessTokenReply(String upn, String clientId, String resource, String deviceId,
                                         boolean openid) {
        Instant now = Instant.now();
        String lifetime = Long.toString(ACCESS_TOKEN_LIFETIME.toSeconds());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", "user_impersonation");
        body.put("expires_in", lifetime);
        body.put("ext_expires_in", lifetime);
        body.put("expires_on", Long.toString(now.plus(ACCESS_TOKEN_LIFETIME).getEpochSecond()));
        body.put("resource", resource);
        body.put("access_token", accessToken(upn, clientId, resource, deviceId, now));
        body.put("refresh_token", state.issueRefreshToken(upn, clientId));
        if (openid) {
            body.put("id_token", idToken(upn, clientId, now));
        }
        body.put("client_info", clientInfo(upn));
        return body;
    }

    private String accessToken(String upn, String clientId, String resource, String deviceId, Instant now) {
        Map<String, Object> claims = state.claims(resource, now, ACCESS_TOKEN_LIFETIME);
        claims.put("appid", clientId);
        claims.put("deviceid", deviceId);
        claims.put("oid", state.objectId(upn));
        claims.put("scp", "user_impersonation");
        claims.put("tid", state.tenantId.toString());
        claims.put("unique_name", upn);
        claims.put("upn", upn);
        claims.put("ver", "1.0");
        return state.sign(claims);
    }

    /** An id_token: {@code aud} the client, {@code oid}, {@code upn}, {@code preferred_username}, {@code tid}. */
    String idToken(String upn, String clientId, Instant now) {
        String oid = state.objectId(upn);
        Map<String, Object> claims = state.claims(clientId, now, ACCESS_TOKEN_LIFETIME);
        claims.put("name", upn);
        claims.put("oid", oid);
        claims.put("preferred_username", upn);
        claims.put("sub", oid);
        claims.put("tid", state.tenantId.toString());
        claims.put("unique_name", upn);
        claims.put("upn", upn);
        claims.put("ver", "1.0");
        return state.sign(claims);
    }

    /** {@code client_info}: base64url (no padding) of {@code {"uid":<oid>,"utid":<tenant>}}. */
    String clientInfo(String upn) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(state.bytes(EmulatorState.map(
                "uid", state.objectId(upn), "utid", state.tenantId.toString())));
    }
}
