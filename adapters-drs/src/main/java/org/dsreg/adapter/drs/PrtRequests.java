package org.dsreg.adapter.drs;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dsreg.port.out.PrtExchange;
import org.dsreg.port.out.UserCredentials;

/**
 * The PRT grants' request JWT payloads and forms, as the public clients send them (docs/protocol.md "PRT requests"
 * says which client each field rests on). Pure: no key, no I/O; the payloads are serialized once, and those bytes
 * are what is signed and sent.
 */
final class PrtRequests {
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String SRV_CHALLENGE = "srv_challenge";
    /** ROADtools (all its v1-endpoint PRT requests) and libhimmelblau (renewal, token exchange). */
    static final String WINDOWS_API_VERSION = "2.2";
    /** A first PRT: ROADtools {@code get_prt_with_refresh_token} and libhimmelblau {@code RefreshTokenAuthenticationPayload}. */
    static final String ACQUIRE_SCOPE = "openid aza ugs";
    /** A renewal: ROADtools {@code renew_prt} (libhimmelblau sends the same words as "openid ugs aza"). */
    static final String RENEW_SCOPE = "openid aza ugs";
    /** An access token: ROADtools {@code aad_brokerplugin_prt_auth}; the resource names the audience. */
    static final String ACCESS_TOKEN_SCOPE = "openid";
    /** The issuer both clients name for session-key-signed requests (the Windows broker plug-in). */
    static final String BROKER_ISSUER = "aad:brokerplugin";
    /** The audience both send with token exchanges. */
    static final String AUDIENCE = "login.microsoftonline.com";
    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access", "email");

    private PrtRequests() {
    }

    static Map<String, String> nonceForm() {
        return Map.of("grant_type", SRV_CHALLENGE);
    }

    /** A first PRT, signed RS256 by the device key. */
    static byte[] acquirePayload(String refreshToken, String nonce) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("client_id", UserCredentials.PRT_CLIENT_ID);
        p.put("request_nonce", nonce);
        p.put("scope", ACQUIRE_SCOPE);
        p.put("grant_type", "refresh_token");
        p.put("refresh_token", refreshToken);
        return json(p);
    }

    /** A renewal, signed HS256 with the derived session key. */
    static byte[] renewPayload(String prt, String nonce) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("client_id", PrtExchange.RENEWAL_CLIENT_ID);
        p.put("request_nonce", nonce);
        p.put("scope", RENEW_SCOPE);
        p.put("iss", BROKER_ISSUER);
        p.put("grant_type", "refresh_token");
        p.put("refresh_token", prt);
        return json(p);
    }

    /** An access token for {@code clientId} and {@code resource}, signed HS256 with the derived session key. */
    static byte[] accessTokenPayload(String prt, String nonce, String clientId, String resource) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("client_id", clientId);
        p.put("request_nonce", nonce);
        p.put("scope", ACCESS_TOKEN_SCOPE);
        p.put("resource", resource);
        p.put("redirect_uri", redirectUri(clientId));
        p.put("iss", BROKER_ISSUER);
        p.put("aud", AUDIENCE);
        p.put("grant_type", "refresh_token");
        p.put("refresh_token", prt);
        return json(p);
    }

    /** The broker plug-in's redirect URI for a client (ROADtools {@code aad_brokerplugin_prt_auth}). */
    static String redirectUri(String clientId) {
        return "ms-appx-web://Microsoft.AAD.BrokerPlugin/" + clientId.toLowerCase(Locale.ROOT);
    }

    /**
     * The jwt-bearer grant's form; {@code tgt} asks for a Kerberos TGT too, as both clients do with a PRT request
     * (first or renewal) and not with an access token (ROADtools' {@code reqtgt=False}, libhimmelblau's step 1).
     */
    static Map<String, String> form(String jwt, boolean tgt) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("windows_api_version", WINDOWS_API_VERSION);
        f.put("grant_type", JWT_BEARER);
        f.put("request", jwt);
        f.put("client_info", "1");
        if (tgt) {
            f.put("tgt", "true");
        }
        return f;
    }

    /**
     * The v1 resource a scope names (libhimmelblau's v2-to-v1 rule): the first scope that is not an OpenID one, its
     * permission cut off: {@code https://graph.microsoft.com/.default} and {@code https://graph.microsoft.com/User.Read}
     * give {@code https://graph.microsoft.com}; {@code api://guid/access} gives {@code api://guid}; a GUID's
     * {@code guid/.default} gives the GUID; a scope naming no resource is refused by the caller.
     *
     * @return the resource, or empty when the scope names none
     */
    static java.util.Optional<String> resourceOf(String scope) {
        for (String s : scope.trim().split("\\s+")) {
            if (s.isEmpty() || OIDC_SCOPES.contains(s.toLowerCase(Locale.ROOT))) {
                continue;
            }
            int scheme = s.indexOf("://");
            int from = scheme < 0 ? 0 : scheme + 3;
            int slash = s.indexOf('/', from);
            String resource = slash < 0 ? s : s.substring(0, slash);
            return resource.length() > from ? java.util.Optional.of(resource) : java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    static byte[] json(Map<String, Object> payload) {
        try {
            return JoseSegments.JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request payload", e);
        }
    }
}
