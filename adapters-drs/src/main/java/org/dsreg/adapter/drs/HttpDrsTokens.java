package org.dsreg.adapter.drs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.inject.Inject;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsTokens;

/** DRS access tokens from a file or from the OAuth 2.0 device authorization grant (RFC 8628). */
final class HttpDrsTokens implements DrsTokens {
    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final long MAX_TOKEN_FILE = 64 * 1024;

    private final HttpClients http;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    HttpDrsTokens(HttpClients http) {
        this.http = http;
    }

    @Override
    public AccessToken fromFile(Path file) {
        return fromFile(file, warning -> { });
    }

    @Override
    public AccessToken fromFile(Path file, Consumer<String> warning) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the token file " + file + " is a directory");
            }
            if (!attributes.isRegularFile()) {
                throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the token file " + file
                        + " is not a regular file");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_TOKEN_FILE + 1);
            }
            if (bytes.length > MAX_TOKEN_FILE) {
                throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the token file " + file + " is too large"
                        + " (more than " + MAX_TOKEN_FILE / 1024 + " KiB)");
            }
            String token = new String(bytes, StandardCharsets.US_ASCII).strip();
            if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the token file " + file
                        + " does not hold one access token");
            }
            if (readableByOthers(attributes.permissions())) {
                warning.accept("dsreg: warning: the token file " + file + " is readable by group or others;"
                        + " protect it with 'chmod 600 " + file + "'");
            }
            return token(token, Optional.empty());
        } catch (NoSuchFileException e) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "there is no token file " + file);
        } catch (AccessDeniedException e) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "cannot read the token file " + file
                    + ": permission denied");
        } catch (IOException e) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "cannot read the token file " + file + ": "
                    + (e.getMessage() == null ? "input/output error" : e.getMessage()), e);
        }
    }

    static boolean readableByOthers(Set<PosixFilePermission> permissions) {
        return permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ);
    }

    @Override
    public AccessToken deviceCode(Discovery discovery, String clientId, String scope, Consumer<String> prompt) {
        String authority = authority(discovery);
        JsonNode code = post(authority + "/oauth2/v2.0/devicecode", new FormBody.Builder()
                .add("client_id", clientId).add("scope", scope).build(), true);
        String deviceCode = text(code, "device_code").orElseThrow(() -> failed("no device_code in the reply"));
        String verification = text(code, "verification_uri").orElse("");
        String userCode = text(code, "user_code").orElse("");
        prompt.accept(text(code, "message").orElse("To sign in, open " + verification + " and enter the code "
                + userCode + "."));
        Duration interval = Duration.ofSeconds(Math.max(1, code.path("interval").asLong(5)));
        Instant expires = Instant.now().plusSeconds(Math.max(1, code.path("expires_in").asLong(900)));
        while (true) {
            sleep(interval);
            if (Instant.now().isAfter(expires)) {
                throw failed("the sign-in code expired before sign-in completed; run the join again");
            }
            JsonNode reply = post(authority + "/oauth2/v2.0/token", new FormBody.Builder()
                    .add("grant_type", DEVICE_CODE_GRANT).add("client_id", clientId)
                    .add("device_code", deviceCode).build(), false);
            Optional<String> error = text(reply, "error");
            if (error.isEmpty()) {
                String token = text(reply, "access_token").orElseThrow(() -> failed("no access_token in the reply"));
                Optional<Instant> exp = reply.path("expires_in").canConvertToLong()
                        ? Optional.of(Instant.now().plusSeconds(reply.path("expires_in").asLong())) : Optional.empty();
                return token(token, exp);
            }
            switch (error.get()) {
                case "authorization_pending" -> { }
                case "slow_down" -> interval = interval.plusSeconds(5);
                case "expired_token" -> throw failed("the sign-in code expired; run the join again");
                case "access_denied" -> throw failed("sign-in was declined");
                default -> throw failed(error.get() + text(reply, "error_description").map(d -> ": " + d).orElse(""));
            }
        }
    }

    /** The tenant's authority (https://host/tenant) from discovery's OAuth2 token endpoint. */
    static String authority(Discovery discovery) {
        String tokenUrl = discovery.details().accessTokenUrl().orElseThrow(() -> new DsregException(
                ErrorKind.DRS_TOKEN_REQUIRED, "discovery names no OAuth2 token endpoint for the device code flow"));
        HttpUrl url = HttpUrl.parse(tokenUrl);
        if (url == null || !url.isHttps()) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "discovery's token endpoint is not an https URL");
        }
        String path = url.encodedPath().replaceFirst("/oauth2(/v2\\.0)?/token/?$", "");
        return url.newBuilder().encodedPath(path.isEmpty() ? "/" : path).query(null).build().toString()
                .replaceFirst("/$", "");
    }

    /** POSTs a form; OAuth error replies (400 with {@code error}) are returned, not thrown, unless {@code strict}. */
    private JsonNode post(String url, FormBody form, boolean strict) {
        Request request = new Request.Builder().url(url).header("Accept", "application/json").post(form).build();
        try (Response response = http.client().newCall(request).execute()) {
            byte[] body = bounded(response.body());
            JsonNode node;
            try {
                node = json.readTree(body);
            } catch (IOException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                throw failed("the sign-in service sent HTTP " + response.code() + " without a JSON body");
            }
            if (!response.isSuccessful() && (strict || !node.has("error"))) {
                throw failed("HTTP " + response.code() + text(node, "error").map(e -> " " + e).orElse("")
                        + text(node, "error_description").map(d -> ": " + d.lines().findFirst().orElse("")).orElse(""));
            }
            return node;
        } catch (java.io.InterruptedIOException e) {
            throw failed("the sign-in service at " + request.url().host() + " did not answer in time"
                    + ProxyTimeout.through(e) + " (timeout)");
        } catch (IOException e) {
            throw failed("cannot reach the sign-in service at " + request.url().host() + ": " + DrsCalls.oneLine(e));
        }
    }

    /** The body, read up to {@link DrsCalls#MAX_BODY} bytes: a larger one is refused as too large. */
    private static byte[] bounded(ResponseBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        if (body.contentLength() > DrsCalls.MAX_BODY || body.source().request(DrsCalls.MAX_BODY + 1L)) {
            throw failed("the sign-in service's reply is too large (more than " + DrsCalls.MAX_BODY / 1024 + " KiB)");
        }
        return body.source().readByteArray();
    }

    private AccessToken token(String token, Optional<Instant> expiresIn) {
        Optional<JsonNode> claims = claims(token);
        Optional<String> audience = claims.map(c -> c.path("aud")).flatMap(a -> a.isTextual()
                ? Optional.of(a.asText()) : a.isArray() && a.size() > 0 ? Optional.of(a.get(0).asText()) : Optional.empty());
        Optional<Instant> exp = claims.map(c -> c.path("exp")).filter(JsonNode::canConvertToLong)
                .map(e -> Instant.ofEpochSecond(e.asLong()));
        Optional<String> tenant = claims.map(c -> c.path("tid")).filter(JsonNode::isTextual).map(JsonNode::asText);
        return new AccessToken(token, exp.or(() -> expiresIn), audience, tenant);
    }

    /** The body of a JWT, or empty when the token is not one. */
    private Optional<JsonNode> claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode n = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static DsregException failed(String message) {
        return new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "no DRS token by the device code flow: " + message);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted");
        }
    }
}
