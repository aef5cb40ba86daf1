package org.dsreg.testkit.drs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /{tenant}/oauth2/v2.0/devicecode}: the device authorization request of RFC 8628 for the DRS scope,
 * answered with a device code the token endpoint redeems for {@link DrsEmulatorBuilder#deviceCodeUser(String)}.
 */
final class DeviceCodeEndpoint {
    private static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789";

    private final EmulatorState state;

    DeviceCodeEndpoint(EmulatorState state) {
        this.state = state;
    }

    EmulatorResponse serve(String tenant, EmulatorRequest request) throws OAuthError {
        OAuthForms.requireTenant(state, tenant);
        Map<String, String> form = OAuthForms.requireForm(request);
        String clientId = OAuthForms.requireParam(form, "client_id");
        String scope = OAuthForms.requireParam(form, "scope");
        if (!OAuthForms.scopeIsDrs(scope)) {
            throw OAuthError.badRequest("invalid_scope", 70011, "the scope must include " + DrsEmulator.DRS_APP_ID
                    + "/.default (this emulator issues DRS tokens only), was: " + scope);
        }
        String code = state.randomToken(32);
        StringBuilder userCode = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            userCode.append(USER_CODE_ALPHABET.charAt(state.random.nextInt(USER_CODE_ALPHABET.length())));
        }
        DrsEmulatorBuilder config = state.config;
        synchronized (state.lock) {
            state.deviceCodes.put(code, new PendingDeviceCode(clientId, scope, System.nanoTime(),
                    config.deviceCodeLifetime.toNanos(), config.pollInterval.toNanos()));
        }
        long interval = (config.pollInterval.toMillis() + 999) / 1000;
        String verification = state.baseUrl + "/devicelogin";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_code", userCode.toString());
        body.put("device_code", code);
        body.put("verification_uri", verification);
        body.put("expires_in", config.deviceCodeLifetime.toSeconds());
        body.put("interval", interval);
        body.put("message", "To sign in, use a web browser to open the page " + verification + " and enter the code "
                + userCode + " to authenticate.");
        return new EmulatorResponse(200, state.bytes(body));
    }
}
