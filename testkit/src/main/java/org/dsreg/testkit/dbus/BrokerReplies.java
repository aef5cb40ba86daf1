package org.dsreg.testkit.dbus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the broker's JSON replies for one profile (the tokens in them come from {@link FakeTokens}). Stateless apart
 * from the clock.
 */
final class BrokerReplies {

    /** Resource (app id) of the Device Registration Service. */
    static final String DRS_RESOURCE = "01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9";
    /** {@code aud} of an access token for the Device Registration Service. */
    static final String DRS_AUDIENCE = "urn:ms-drs:enterpriseregistration.windows.net";
    /** Client id of the Microsoft Authentication Broker. */
    static final String BROKER_CLIENT_ID = "29d9ed98-a469-4536-ade2-f981bc1d605e";
    static final String COOKIE_NAME = "x-ms-RefreshTokenCredential";

    private final ObjectMapper mapper = new ObjectMapper();
    private final BrokerProfile profile;
    private final Clock clock;
    /** Where access tokens come from, or null for the fake's own. */
    private final BiFunction<String, List<String>, String> accessTokens;
    private final FakeTokens tokens;

    BrokerReplies(BrokerProfile profile, Clock clock, BiFunction<String, List<String>, String> accessTokens) {
        this.profile = profile;
        this.clock = clock;
        this.accessTokens = accessTokens;
        this.tokens = new FakeTokens(clock, this::write);
    }

    JsonNode parse(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return MissingNode.getInstance();
        }
    }

    String version() {
        ObjectNode reply = mapper.createObjectNode();
        reply.put("linuxBrokerVersion", profile.brokerVersion());
        return write(future(reply));
    }

    String accounts(List<FakeAccount> accounts) {
        if (profile == BrokerProfile.ACCOUNTS_ERROR) {
            ObjectNode reply = mapper.createObjectNode();
            ObjectNode error = reply.putObject("error");
            error.put("status", "internal_error");
            error.put("errorCode", "1234");
            error.put("tag", "abcd");
            error.put("context", "fake");
            error.put("subStatus", "");
            error.put("diagnostics", "");
            return write(reply);
        }
        ObjectNode reply = mapper.createObjectNode();
        ArrayNode array = reply.putArray("accounts");
        accounts.forEach(a -> array.add(account(a)));
        if (profile == BrokerProfile.V2_5_2_ERRORS) {
            ObjectNode telemetry = reply.putObject("telemetry");
            telemetry.put("api_name", "getAccounts");
            telemetry.put("broker_version", profile.brokerVersion());
        }
        if (profile == BrokerProfile.HUGE_ACCOUNTS) {
            reply.put("padding", "x".repeat(BrokerProfile.HUGE_REPLY_BYTES));
        }
        return write(future(reply));
    }

    /** The reply to a silent (or interactive) token request for {@code account} (empty: not known). */
    String token(JsonNode request, Optional<FakeAccount> account) {
        if (profile == BrokerProfile.V2_5_2_ERRORS) {
            ObjectNode reply = mapper.createObjectNode();
            reply.putObject("brokerTokenResponse").set("error", expiredGrant("acquireTokenSilently"));
            return write(reply);
        }
        if (account.isEmpty()) {
            ObjectNode reply = mapper.createObjectNode();
            reply.putObject("brokerTokenResponse").set("error", noAccount());
            return write(reply);
        }
        FakeAccount a = account.get();
        List<String> scopes = requestedScopes(request);
        long nowMs = clock.millis();
        long now = nowMs / 1000;
        ObjectNode reply = mapper.createObjectNode();
        ObjectNode response = reply.putObject("brokerTokenResponse");
        response.put("accessToken", accessTokens != null ? accessTokens.apply(a.username(), scopes)
                : tokens.accessToken(a, audience(scopes), now));
        response.put("accessTokenType", 0);
        response.put("idToken", tokens.idToken(a, now));
        if (profile != BrokerProfile.V3_0) {
            response.set("account", account(a));
        }
        response.put("clientInfo", tokens.clientInfo(a));
        response.put("expiresOn", nowMs + 3_600_000L);
        response.put("extendedExpiresOn", nowMs + 7_200_000L);
        ArrayNode granted = response.putArray("grantedScopes");
        scopes.forEach(granted::add);
        future(response);
        return write(future(reply));
    }

    String cookie(Optional<FakeAccount> account) {
        if (profile == BrokerProfile.V2_5_2_ERRORS) {
            ObjectNode reply = mapper.createObjectNode();
            reply.set("error", expiredGrant("acquirePrtSsoCookie"));
            return write(reply);
        }
        if (account.isEmpty()) {
            ObjectNode reply = mapper.createObjectNode();
            reply.set("error", noAccount());
            return write(reply);
        }
        FakeAccount a = account.get();
        ObjectNode reply = mapper.createObjectNode();
        if (profile == BrokerProfile.V3_0) {
            ObjectNode item = reply.putArray("cookieItems").addObject();
            item.put("cookieName", COOKIE_NAME);
            item.put("cookieContent", tokens.prtCookie());
        } else {
            reply.set("account", account(a));
            reply.put("cookieContent", tokens.prtCookie());
            reply.put("cookieName", COOKIE_NAME);
        }
        return write(future(reply));
    }

    String signedHttpRequest(Optional<FakeAccount> account) {
        if (account.isEmpty()) {
            ObjectNode reply = mapper.createObjectNode();
            reply.set("error", noAccount());
            return write(reply);
        }
        ObjectNode header = mapper.createObjectNode();
        header.put("alg", "none");
        header.put("typ", "pop");
        ObjectNode body = mapper.createObjectNode();
        body.put("ts", clock.millis() / 1000);
        body.put("u", "fake");
        ObjectNode reply = mapper.createObjectNode();
        reply.put("signedHttpRequest", tokens.jwt(header, body, ""));
        return write(future(reply));
    }

    String empty() {
        return write(future(mapper.createObjectNode()));
    }

    /** A top-level error for a request that is not JSON (invented: the reference shows no such reply). */
    String invalidRequest(String method) {
        ObjectNode reply = mapper.createObjectNode();
        ObjectNode error = reply.putObject("error");
        error.put("context", "fake broker: " + method + " request is not a JSON object");
        error.put("errorCode", "0");
        error.put("status", "invalid_request");
        error.put("subStatus", "");
        error.put("tag", "fake0000");
        error.put("diagnostics", "");
        return write(reply);
    }

    ObjectNode account(FakeAccount a) {
        ObjectNode node = mapper.createObjectNode();
        node.put("environment", "login.windows.net");
        node.put("givenName", a.givenName());
        node.put("homeAccountId", a.homeAccountId());
        node.put("localAccountId", a.objectId());
        node.put("name", a.name());
        node.put("passwordExpiry", 0);
        node.put("realm", a.tenantId());
        node.put("username", a.username());
        node.put("clientInfo", tokens.clientInfo(a));
        return node;
    }

    private ObjectNode expiredGrant(String method) {
        ObjectNode error = mapper.createObjectNode();
        error.put("context", "AADSTS700082: The refresh token has expired due to inactivity. (fake broker, "
                + method + ")");
        error.put("errorCode", "700082");
        error.put("status", "invalid_grant");
        error.put("subStatus", "token_expired");
        error.put("tag", "7q6ch");
        error.put("diagnostics", "{\"fake\":true}");
        return error;
    }

    /** Invented: the reference shows no reply for an unknown account. */
    private ObjectNode noAccount() {
        ObjectNode error = mapper.createObjectNode();
        error.put("context", "fake broker: the request names no account the broker knows");
        error.put("errorCode", "0");
        error.put("status", "interaction_required");
        error.put("subStatus", "");
        error.put("tag", "fake0001");
        error.put("diagnostics", "");
        return error;
    }

    private static List<String> requestedScopes(JsonNode request) {
        List<String> scopes = new ArrayList<>();
        request.path("authParameters").path("requestedScopes").forEach(s -> {
            if (s.isTextual() && !s.asText().isBlank()) {
                scopes.add(s.asText());
            }
        });
        if (scopes.isEmpty()) {
            scopes.add(DRS_RESOURCE + "/.default");
        }
        return scopes;
    }

    /** The {@code aud} for the first requested scope: DRS's URN for the DRS resource, else the scope's resource. */
    private static String audience(List<String> scopes) {
        String scope = scopes.get(0);
        String resource = scope.contains("/") ? scope.substring(0, scope.lastIndexOf('/')) : scope;
        if (resource.equalsIgnoreCase(DRS_RESOURCE) || resource.equalsIgnoreCase(DRS_AUDIENCE)) {
            return DRS_AUDIENCE;
        }
        return resource;
    }

    /** Adds the unknown field a 3.x reply carries. */
    private ObjectNode future(ObjectNode node) {
        if (profile == BrokerProfile.V3_0) {
            node.putObject("futureField").put("x", 1);
        }
        return node;
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    @Override
    public String toString() {
        return "BrokerReplies[" + profile.name().toLowerCase(Locale.ROOT) + "]";
    }
}
