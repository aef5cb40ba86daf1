package org.dsreg.adapter.linux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.Account;
import org.dsreg.domain.BrokerError;
import org.dsreg.domain.PrtState;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.BrokerException;
import org.dsreg.port.out.TokenRequest;
import org.dsreg.port.out.UserBroker;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The user broker over the session bus. Replies are parsed tolerantly (fields missing or renamed
 * between broker versions, unknown fields ignored); error replies keep the broker's error.
 * Tokens are never logged, and never part of an exception message.
 */
@javax.inject.Singleton
final class DBusUserBroker implements UserBroker {
    static final String MSAL_CPP_VERSION = "1.28.0";
    static final String SSO_URL = "https://login.microsoftonline.com/";
    static final String ACCOUNTS_CLIENT_ID = "29d9ed98-a469-4536-ade2-f981bc1d605e";
    static final String ACCOUNTS_REDIRECT_URI = "https://login.microsoftonline.com/common/oauth2/nativeclient";
    /** UnknownObject while an activated broker starts: retry this often within the deadline. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    /** The longest reply read: the broker's replies are a few KB (a token, a cookie, a list of accounts). */
    static final int MAX_REPLY_CHARS = 4 * 1024 * 1024;

    private final BusConnections buses;
    /** The last call was answered UnknownObject, and none since with anything else: see {@link #starting()}. */
    private final java.util.concurrent.atomic.AtomicBoolean starting = new java.util.concurrent.atomic.AtomicBoolean();

    /** The broker's own account objects, to hand back in later calls, by homeAccountId. */
    private final Map<String, JsonNode> rawAccounts = new ConcurrentHashMap<>();

    @Inject
    DBusUserBroker(BusConnections buses) {
        this.buses = buses;
    }

    @Override
    public boolean starting() {
        return starting.get();
    }

    @Override
    public String version() {
        JsonNode reply = call("getLinuxBrokerVersion", Map.of("msalCppVersion", MSAL_CPP_VERSION));
        return BrokerJson.text(reply, "linuxBrokerVersion")
                .orElseThrow(() -> BrokerException.malformed("the broker's version reply has no linuxBrokerVersion", null));
    }

    @Override
    public List<Account> accounts() {
        JsonNode reply = call("getAccounts", Map.of("clientId", ACCOUNTS_CLIENT_ID,
                "redirectUri", ACCOUNTS_REDIRECT_URI));
        JsonNode list = reply.path("accounts");
        if (!list.isArray()) {
            throw BrokerException.malformed("the broker's getAccounts reply has no accounts list", null);
        }
        List<Account> accounts = new ArrayList<>();
        for (JsonNode a : list) {
            Optional<String> username = BrokerJson.text(a, "username");
            Optional<String> home = BrokerJson.text(a, "homeAccountId");
            if (username.isEmpty() || home.isEmpty()) {
                continue; // not an account we can name or address
            }
            rawAccounts.put(home.get(), a);
            Optional<TenantId> tenant = BrokerJson.text(a, "realm").filter(TenantId::looksLikeGuid).map(TenantId::parse);
            accounts.add(new Account(username.get(), tenant, home.get(), BrokerJson.text(a, "name"), BrokerJson.text(a, "environment")));
        }
        return accounts;
    }

    @Override
    public PrtState prt(Account account) {
        JsonNode raw = rawAccount(account);
        ObjectNode auth = BrokerJson.NODES.objectNode();
        auth.set("account", raw);
        auth.put("authority", "https://login.microsoftonline.com/common");
        auth.put("authorizationType", 8);
        auth.put("clientId", ACCOUNTS_CLIENT_ID);
        auth.put("redirectUri", ACCOUNTS_REDIRECT_URI);
        auth.putArray("requestedScopes").add("openid");
        auth.put("ssoUrl", SSO_URL);
        auth.put("username", account.username());
        ObjectNode request = BrokerJson.NODES.objectNode();
        request.set("account", raw);
        request.set("authParameters", auth);
        request.put("mamEnrollment", false);
        request.put("ssoUrl", SSO_URL);
        JsonNode reply;
        try {
            reply = call("acquirePrtSsoCookie", request);
        } catch (BrokerException e) {
            if (e.error().isPresent()) {
                return new PrtState.Absent("the broker has no usable PRT: " + e.error().get().summary());
            }
            throw e;
        }
        Optional<String> cookie = BrokerJson.text(reply, "cookieContent");
        if (cookie.isEmpty() && reply.path("cookieItems").isArray()) {
            for (JsonNode item : reply.path("cookieItems")) {
                cookie = cookie.or(() -> BrokerJson.text(item, "cookieContent"));
            }
        }
        if (cookie.isEmpty()) {
            return new PrtState.Absent("the broker returned no PRT cookie");
        }
        Optional<String> kdf = BrokerJson.jwtPart(cookie.get(), 0).flatMap(h -> h.has("kdf_ver")
                ? Optional.of("kdf_ver " + h.get("kdf_ver").asText()) : Optional.empty());
        // The cookie tells that a usable PRT exists; it does not tell when the PRT was issued or
        // when it expires (its iat is the cookie's own time), so those stay unknown.
        return new PrtState.Present(Optional.empty(), Optional.empty(), Optional.empty(), kdf);
    }

    @Override
    public AccessToken acquireTokenSilently(Account account, TokenRequest tokenRequest) {
        JsonNode raw = rawAccount(account);
        ObjectNode auth = BrokerJson.NODES.objectNode();
        auth.set("account", raw);
        auth.put("authority", tokenRequest.authority());
        auth.put("authorizationType", 1);
        auth.put("clientId", tokenRequest.clientId());
        auth.put("redirectUri", tokenRequest.redirectUri());
        var scopes = auth.putArray("requestedScopes");
        tokenRequest.scopes().forEach(scopes::add);
        auth.put("username", account.username());
        auth.put("uxContextHandle", -1);
        ObjectNode request = BrokerJson.NODES.objectNode();
        request.set("authParameters", auth);
        JsonNode reply = call("acquireTokenSilently", request);
        JsonNode response = reply.path("brokerTokenResponse");
        Optional<String> token = BrokerJson.text(response, "accessToken").filter(t -> !t.isEmpty());
        if (token.isEmpty()) {
            throw BrokerException.malformed("the broker's token reply holds no access token", null);
        }
        Optional<Instant> expires = response.path("expiresOn").canConvertToLong()
                ? Optional.of(Instant.ofEpochMilli(response.path("expiresOn").asLong())) : Optional.empty();
        Optional<String> audience = BrokerJson.jwtPart(token.get(), 1).flatMap(body -> {
            JsonNode aud = body.path("aud");
            return aud.isTextual() ? Optional.of(aud.asText())
                    : aud.isArray() && aud.size() > 0 ? Optional.of(aud.get(0).asText()) : Optional.empty();
        });
        Optional<String> tenant = BrokerJson.jwtPart(token.get(), 1).map(body -> body.path("tid"))
                .filter(JsonNode::isTextual).map(JsonNode::asText);
        return new AccessToken(token.get(), expires, audience, tenant);
    }

    @Override
    public void removeAccount(Account account) {
        ObjectNode request = BrokerJson.NODES.objectNode();
        request.put("clientId", ACCOUNTS_CLIENT_ID);
        request.set("account", rawAccount(account));
        call("removeAccount", request);
    }

    // --- plumbing -------------------------------------------------------------------------------

    private JsonNode rawAccount(Account account) {
        JsonNode raw = rawAccounts.get(account.homeAccountId());
        if (raw != null) {
            return raw;
        }
        ObjectNode n = BrokerJson.NODES.objectNode(); // an account not listed by this broker instance
        n.put("homeAccountId", account.homeAccountId());
        n.put("username", account.username());
        account.tenantId().ifPresent(t -> n.put("realm", t.toString()));
        account.environment().ifPresent(e -> n.put("environment", e));
        return n;
    }

    private ObjectNode request(Map<String, String> fields) {
        ObjectNode n = BrokerJson.NODES.objectNode();
        fields.forEach(n::put);
        return n;
    }

    /** Calls a broker method with a request of plain text fields. */
    private JsonNode call(String method, Map<String, String> fields) {
        return call(method, () -> request(fields));
    }

    private JsonNode call(String method, JsonNode request) {
        return call(method, () -> request);
    }

    /**
     * Calls a broker method; retries UnknownObject (a starting broker) until the deadline, and
     * never waits past it. The request is made once the bus is there: without a bus, no JSON.
     */
    private JsonNode call(String method, Supplier<JsonNode> request) {
        String what = "the identity broker (" + method + ")";
        String reply;
        try {
            reply = buses.call(BusConnections.Bus.SESSION, what, (c, deadline) -> {
                String body = BrokerJson.write(request.get());
                String correlationId = UUID.randomUUID().toString();
                BusCalls.Method broker = BrokerInterfaces.userBroker(method);
                while (true) {
                    try {
                        String answer = BusCalls.single(BusCalls.invoke(c, deadline, what, broker,
                                BrokerInterfaces.PROTOCOL_VERSION, correlationId, body), String.class, what);
                        starting.set(false);
                        return answer;
                    } catch (DBusExecutionException e) {
                        starting.set(DBusErrors.isUnknownObject(e));
                        if (!starting.get()) {
                            throw e;
                        }
                        long left = deadline.remainingMillis();
                        if (left == 0) {
                            throw BrokerException.timeout(what + ": the broker was still starting (UnknownObject)"
                                    + " when the deadline passed");
                        }
                        Thread.sleep(Math.min(RETRY_PAUSE.toMillis(), left));
                    }
                }
            });
        } catch (BrokerException e) {
            throw e;
        } catch (DBusExecutionException e) {
            throw DBusErrors.toBrokerException("the identity broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BrokerException.timeout("interrupted while calling the identity broker");
        } catch (Exception e) {
            throw BrokerException.unreachable(what + ": " + (e.getMessage() == null ? "the call failed"
                    : e.getMessage()), e);
        }
        if (reply != null && reply.length() > MAX_REPLY_CHARS) {
            throw BrokerException.malformed("the identity broker's " + method + " reply is too large ("
                    + reply.length() / (1024 * 1024) + " MB; at most " + MAX_REPLY_CHARS / (1024 * 1024) + " MB)", null);
        }
        JsonNode parsed;
        try {
            parsed = BrokerJson.parse(reply == null ? "" : reply);
        } catch (JsonProcessingException e) {
            throw BrokerException.malformed("the identity broker's " + method + " reply is not JSON", null);
        }
        if (parsed == null || !parsed.isObject()) {
            throw BrokerException.malformed("the identity broker's " + method + " reply is not a JSON object", null);
        }
        Optional<BrokerError> error = BrokerJson.error(parsed.path("brokerTokenResponse").path("error"))
                .or(() -> BrokerJson.error(parsed.path("error")));
        if (error.isPresent()) {
            throw BrokerException.errorReply(method, error.get());
        }
        return parsed;
    }
}
