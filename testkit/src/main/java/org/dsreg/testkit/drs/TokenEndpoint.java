package org.dsreg.testkit.drs;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}: the device code grant's polling (RFC 8628 3.4 and 3.5:
 * {@code authorization_pending}, {@code slow_down} with a growing interval, {@code expired_token},
 * {@code access_denied}), then a DRS access token, with a refresh token for {@code offline_access} (recorded for that
 * client and user: a PRT request may redeem it) and an ID token for {@code openid}. Other grant types get {@code unsupported_grant_type}.
 */
final class TokenEndpoint {
    private final EmulatorState state;

    TokenEndpoint(EmulatorState state) {
        this.state = state;
    }

    EmulatorResponse serve(String tenant, EmulatorRequest request) throws OAuthError {
        OAuthForms.requireTenant(state, tenant);
        Map<String, String> form = OAuthForms.requireForm(request);
        String grant = OAuthForms.requireParam(form, "grant_type");
        if (!DrsEmulator.DEVICE_CODE_GRANT.equals(grant)) {
            throw OAuthError.badRequest("unsupported_grant_type", 70003,
                    "this emulator supports grant_type=" + DrsEmulator.DEVICE_CODE_GRANT + " only, not " + grant);
        }
        String clientId = OAuthForms.requireParam(form, "client_id");
        String scope = redeem(OAuthForms.requireParam(form, "device_code"), clientId);
        String upn = state.config.deviceCodeUser;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", scope);
        body.put("expires_in", 3600);
        body.put("ext_expires_in", 3600);
        body.put("access_token", state.issueAccessToken(upn, DrsEmulator.DRS_RESOURCE, Instant.now(),
                Duration.ofHours(1)));
        List<String> scopes = Arrays.asList(scope.split(" "));
        if (scopes.contains("offline_access")) {
            body.put("refresh_token", state.issueRefreshToken(upn, clientId));
        }
        if (scopes.contains("openid")) {
            long iat = Instant.now().getEpochSecond();
            Map<String, Object> id = new LinkedHashMap<>();
            id.put("aud", clientId);
            id.put("iss", "https://login.microsoftonline.com/" + state.tenantId + "/v2.0");
            id.put("iat", iat);
            id.put("nbf", iat);
            id.put("exp", iat + 3600);
            id.put("oid", state.objectId(upn));
            id.put("preferred_username", upn);
            id.put("sub", state.objectId(upn));
            id.put("tid", state.tenantId.toString());
            id.put("ver", "2.0");
            body.put("id_token", state.sign(id));
        }
        return new EmulatorResponse(200, state.bytes(body));
    }

    /** One poll of a device code: its scope once the user has "signed in", else the OAuth error to answer. */
    private String redeem(String code, String clientId) throws OAuthError {
        synchronized (state.lock) {
            PendingDeviceCode pending = state.deviceCodes.get(code);
            if (pending == null) {
                throw OAuthError.badRequest("invalid_grant", 70000, "the device_code is not known to this service");
            }
            if (!pending.clientId.equals(clientId)) {
                throw OAuthError.badRequest("invalid_grant", 70000,
                        "the device_code was issued to another client_id (" + pending.clientId + ")");
            }
            if (pending.terminalError != null) {
                throw OAuthError.badRequest(pending.terminalError, pending.terminalError.equals("expired_token")
                        ? 70019 : 70020, "the device code is no longer usable (" + pending.terminalError + ")");
            }
            long now = System.nanoTime();
            if (now - pending.expiresAtNanos >= 0) {
                throw OAuthError.badRequest("expired_token", 70019, "the device code expired");
            }
            if (pending.redeemed) {
                throw OAuthError.badRequest("invalid_grant", 70000, "the device code was redeemed already");
            }
            long since = now - pending.lastPollNanos;
            pending.lastPollNanos = now;
            if (pending.intervalNanos > 0 && since < pending.intervalNanos) {
                pending.intervalNanos += state.config.slowDownIncrement.toNanos();
                throw OAuthError.badRequest("slow_down", 70016, "polled " + Duration.ofNanos(since).toMillis()
                        + " ms after the previous request; wait at least the interval (now "
                        + Duration.ofNanos(pending.intervalNanos).toMillis() + " ms) between polls");
            }
            pending.polls++;
            if (pending.polls <= state.config.pendingPolls) {
                throw OAuthError.badRequest("authorization_pending", 70016,
                        "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
            }
            pending.redeemed = true;
            return pending.scope;
        }
    }
}
