package org.dsreg.testkit.dbus;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the broker's JSON replies for one profile. Stateless apart from the clock and randomness. */
final class BrokerReplies {

    /** Resource (app id) of the Device Registration Service. */
    static final String DRS_RESOURCE = "01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9";
    /** {@code aud} of an access token for the Device Registration Service. */
    static final String DRS_AUDIENCE = "urn:ms-drs:enterpriseregistration.windows.net";
    /** Client id of the Microsoft Authentication Broker. */
    static final String BROKER_CLIENT_ID = "29d9ed98-a469-4536-ade2-f981bc1d605e";
    static final String COOKIE_NAME = "x-ms-RefreshTokenCredential";

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final ObjectMapper mapper = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private final BrokerProfile profile;
    private final Clock clock;

    BrokerReplies(BrokerProfile profile, Clock clock) {
        this.profile = profile;
        this.clock = clock;
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
        response.put("accessToken", accessToken(a, audience(scopes), now));
        response.put("accessTokenType", 0);
        response.put("idToken", idToken(a, now));
        if (profile != BrokerProfile.V3_0) {
            response.set("account", account(a));
        }
        response.put("clientInfo", clientInfo(a));
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
            item.put("cookieContent", prtCookie());
        } else {
            reply.set("account", account(a));
            reply.put("cookieContent", prtCookie());
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
        reply.put("signedHttpRequest", jwt(header, body, ""));
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
        node.put("clientInfo", clientInfo(a));
        return node;
    }

    /** The account a request names (in {@code account}, {@code authParameters.account} or {@code authParameters.username}). */
    static Optional<FakeAccount> select(JsonNode request, List<FakeAccount> accounts, boolean firstWhenUnnamed) {
        List<JsonNode> refs = new ArrayList<>();
        refs.add(request.path("account"));
        refs.add(request.path("authParameters").path("account"));
        String username = request.path("authParameters").path("username").asText("");
        boolean named = !username.isEmpty();
        for (JsonNode ref : refs) {
            if (!ref.isObject()) {
                continue;
            }
            named = true;
            String home = ref.path("homeAccountId").asText("");
            String local = ref.path("localAccountId").asText("");
            String user = ref.path("username").asText("");
            for (FakeAccount a : accounts) {
                if (!home.isEmpty() && home.equalsIgnoreCase(a.homeAccountId())) {
                    return Optional.of(a);
                }
            }
            for (FakeAccount a : accounts) {
                if ((!local.isEmpty() && local.equalsIgnoreCase(a.objectId()))
                        || (!user.isEmpty() && user.equalsIgnoreCase(a.username()))) {
                    return Optional.of(a);
                }
            }
        }
        if (!username.isEmpty()) {
            for (FakeAccount a : accounts) {
                if (username.equalsIgnoreCase(a.username())) {
                    return Optional.of(a);
                }
            }
        }
        if (!named && firstWhenUnnamed && !accounts.isEmpty()) {
            return Optional.of(accounts.get(0));
        }
        return Optional.empty();
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

    private String accessToken(FakeAccount a, String audience, long now) {
        ObjectNode header = mapper.createObjectNode();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("kid", "fake-kid");
        ObjectNode body = mapper.createObjectNode();
        body.put("aud", audience);
        body.put("iss", "https://sts.windows.net/" + a.tenantId() + "/");
        body.put("iat", now);
        body.put("nbf", now);
        body.put("exp", now + 3600);
        body.put("appid", BROKER_CLIENT_ID);
        body.put("oid", a.objectId());
        body.put("tid", a.tenantId());
        body.put("upn", a.username());
        body.put("unique_name", a.username());
        body.put("ver", "1.0");
        return jwt(header, body, randomB64(64));
    }

    private String idToken(FakeAccount a, long now) {
        ObjectNode header = mapper.createObjectNode();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        ObjectNode body = mapper.createObjectNode();
        body.put("aud", BROKER_CLIENT_ID);
        body.put("iss", "https://login.microsoftonline.com/" + a.tenantId() + "/v2.0");
        body.put("iat", now);
        body.put("exp", now + 3600);
        body.put("name", a.name());
        body.put("oid", a.objectId());
        body.put("preferred_username", a.username());
        body.put("tid", a.tenantId());
        body.put("ver", "2.0");
        return jwt(header, body, randomB64(64));
    }

    /** A PRT SSO cookie: {@code {"alg":"HS256","kdf_ver":2,"ctx":...}.{"refresh_token":...,"is_primary":"true","iat":...}.sig}. */
    private String prtCookie() {
        ObjectNode header = mapper.createObjectNode();
        header.put("alg", "HS256");
        header.put("kdf_ver", 2);
        header.put("ctx", Base64.getEncoder().encodeToString(randomBytes(24)));
        ObjectNode body = mapper.createObjectNode();
        body.put("refresh_token", "opaque-" + randomB64(48));
        body.put("is_primary", "true");
        body.put("iat", clock.millis() / 1000 - 7200);
        return jwt(header, body, randomB64(32));
    }

    private String clientInfo(FakeAccount a) {
        ObjectNode info = mapper.createObjectNode();
        info.put("uid", a.objectId());
        info.put("utid", a.tenantId());
        return B64URL.encodeToString(write(info).getBytes(StandardCharsets.UTF_8));
    }

    private String jwt(ObjectNode header, ObjectNode body, String signature) {
        return B64URL.encodeToString(write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(write(body).getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    private String randomB64(int bytes) {
        return B64URL.encodeToString(randomBytes(bytes));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
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
