package org.dsreg.adapter.drs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.inject.Inject;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.TenantDetails;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) against a tenant's v2.0 endpoints, the one loop both a join's
 * DRS token and a first PRT's user credential come from: the code shown once, the token endpoint polled at the
 * interval the service asks ({@code slow_down} adds five seconds) until the sign-in completes, is declined or
 * expires. The final reply's JSON is returned for the caller to take what it needs.
 */
final class DeviceCodeFlow {
    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private final HttpClients http;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    DeviceCodeFlow(HttpClients http) {
        this.http = http;
    }

    /**
     * Signs in.
     *
     * @param failed makes the caller's exception from a one-line reason
     * @param again  what the user does after an expired code ("run the join again")
     */
    JsonNode signIn(TenantDetails tenant, String clientId, String scope, Consumer<String> prompt,
                    Function<String, DsregException> failed, String again) {
        String authority = authority(tenant);
        JsonNode code = post(authority + "/oauth2/v2.0/devicecode", new FormBody.Builder()
                .add("client_id", clientId).add("scope", scope).build(), true, failed);
        String deviceCode = text(code, "device_code").orElseThrow(() -> failed.apply("no device_code in the reply"));
        String verification = text(code, "verification_uri").orElse("");
        String userCode = text(code, "user_code").orElse("");
        prompt.accept(text(code, "message").orElse("To sign in, open " + verification + " and enter the code "
                + userCode + "."));
        Duration interval = Duration.ofSeconds(Math.max(1, code.path("interval").asLong(5)));
        Instant expires = Instant.now().plusSeconds(Math.max(1, code.path("expires_in").asLong(900)));
        while (true) {
            sleep(interval, failed);
            if (Instant.now().isAfter(expires)) {
                throw failed.apply("the sign-in code expired before sign-in completed; " + again);
            }
            JsonNode reply = post(authority + "/oauth2/v2.0/token", new FormBody.Builder()
                    .add("grant_type", DEVICE_CODE_GRANT).add("client_id", clientId)
                    .add("device_code", deviceCode).build(), false, failed);
            Optional<String> error = text(reply, "error");
            if (error.isEmpty()) {
                return reply;
            }
            switch (error.get()) {
                case "authorization_pending" -> { }
                case "slow_down" -> interval = interval.plusSeconds(5);
                case "expired_token" -> throw failed.apply("the sign-in code expired; " + again);
                case "access_denied" -> throw failed.apply("sign-in was declined");
                default -> throw failed.apply(error.get()
                        + text(reply, "error_description").map(d -> ": " + firstLine(d)).orElse(""));
            }
        }
    }

    /** The tenant's authority (https://host/tenant) from discovery's OAuth2 token endpoint. */
    static String authority(TenantDetails tenant) {
        String tokenUrl = tenant.accessTokenUrl().orElseThrow(() -> new DsregException(
                ErrorKind.DRS_TOKEN_REQUIRED, "discovery names no OAuth2 token endpoint for the device code flow"));
        return authorityOf(tokenUrl).orElseThrow(() -> new DsregException(ErrorKind.DRS_TOKEN_REQUIRED,
                "discovery's token endpoint is not an https URL"));
    }

    /**
     * The authority (https://host/tenant) of a token endpoint, v1 ({@code …/oauth2/token}) or v2.0; empty when the
     * URL is not https.
     */
    static Optional<String> authorityOf(String tokenUrl) {
        HttpUrl url = HttpUrl.parse(tokenUrl);
        if (url == null || !url.isHttps()) {
            return Optional.empty();
        }
        String path = url.encodedPath().replaceFirst("/oauth2(/v2\\.0)?/token/?$", "");
        return Optional.of(url.newBuilder().encodedPath(path.isEmpty() ? "/" : path).query(null).build().toString()
                .replaceFirst("/$", ""));
    }

    /** POSTs a form; OAuth error replies (400 with {@code error}) are returned, not thrown, unless {@code strict}. */
    private JsonNode post(String url, FormBody form, boolean strict, Function<String, DsregException> failed) {
        Request request = new Request.Builder().url(url).header("Accept", "application/json").post(form).build();
        try (Response response = http.client().newCall(request).execute()) {
            byte[] body = bounded(response.body(), failed);
            JsonNode node;
            try {
                node = json.readTree(body);
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                throw failed.apply("the sign-in service sent HTTP " + response.code() + " without a JSON body");
            }
            if (!response.isSuccessful() && (strict || !node.has("error"))) {
                throw failed.apply("HTTP " + response.code() + text(node, "error").map(e -> " " + e).orElse("")
                        + text(node, "error_description").map(d -> ": " + firstLine(d)).orElse(""));
            }
            return node;
        } catch (java.io.InterruptedIOException e) {
            throw failed.apply("the sign-in service at " + request.url().host() + " did not answer in time"
                    + ProxyTimeout.through(e) + " (timeout)");
        } catch (IOException e) {
            throw failed.apply("cannot reach the sign-in service at " + request.url().host() + ": "
                    + DrsCalls.oneLine(e));
        }
    }

    /** The body, read up to {@link DrsCalls#MAX_BODY} bytes: a larger one is refused as too large. */
    private static byte[] bounded(ResponseBody body, Function<String, DsregException> failed) throws IOException {
        return DrsCalls.boundedBody(body).orElseThrow(() -> failed.apply("the sign-in service's reply is too large"
                + " (more than " + DrsCalls.MAX_BODY / 1024 + " KiB)"));
    }

    static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static void sleep(Duration d, Function<String, DsregException> failed) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed.apply("interrupted");
        }
    }
}
