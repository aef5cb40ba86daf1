package org.dsreg.testkit.dbus;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The tokens in the fake broker's replies: unsigned look-alikes of Entra's access and id tokens, PRT SSO cookies and
 * MSAL client info, with the claims a client reads. Random signatures; nothing verifies them.
 */
final class FakeTokens {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Function<JsonNode, String> write;

    /**
     * Tokens with times from {@code clock}, their JSON parts written by {@code write}.
     *
     * @param clock the clock for {@code iat}, {@code nbf} and {@code exp}
     * @param write writes a JSON node compactly
     */
    FakeTokens(Clock clock, Function<JsonNode, String> write) {
        this.clock = clock;
        this.write = write;
    }

    String accessToken(FakeAccount a, String audience, long now) {
        ObjectNode header = nodes.objectNode();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("kid", "fake-kid");
        ObjectNode body = nodes.objectNode();
        body.put("aud", audience);
        body.put("iss", "https://sts.windows.net/" + a.tenantId() + "/");
        body.put("iat", now);
        body.put("nbf", now);
        body.put("exp", now + 3600);
        body.put("appid", BrokerReplies.BROKER_CLIENT_ID);
        body.put("oid", a.objectId());
        body.put("tid", a.tenantId());
        body.put("upn", a.username());
        body.put("unique_name", a.username());
        body.put("ver", "1.0");
        return jwt(header, body, randomB64(64));
    }

    String idToken(FakeAccount a, long now) {
        ObjectNode header = nodes.objectNode();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        ObjectNode body = nodes.objectNode();
        body.put("aud", BrokerReplies.BROKER_CLIENT_ID);
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
    String prtCookie() {
        ObjectNode header = nodes.objectNode();
        header.put("alg", "HS256");
        header.put("kdf_ver", 2);
        header.put("ctx", Base64.getEncoder().encodeToString(randomBytes(24)));
        ObjectNode body = nodes.objectNode();
        body.put("refresh_token", "opaque-" + randomB64(48));
        body.put("is_primary", "true");
        body.put("iat", clock.millis() / 1000 - 7200);
        return jwt(header, body, randomB64(32));
    }

    String clientInfo(FakeAccount a) {
        ObjectNode info = nodes.objectNode();
        info.put("uid", a.objectId());
        info.put("utid", a.tenantId());
        return B64URL.encodeToString(write.apply(info).getBytes(StandardCharsets.UTF_8));
    }

    String jwt(ObjectNode header, ObjectNode body, String signature) {
        return B64URL.encodeToString(write.apply(header).getBytes(StandardCharsets.UTF_8)) + "."
                + B64URL.encodeToString(write.apply(body).getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    String randomB64(int bytes) {
        return B64URL.encodeToString(randomBytes(bytes));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
