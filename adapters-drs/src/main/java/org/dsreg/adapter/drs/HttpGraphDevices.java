package org.dsreg.adapter.drs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceManagement;
import org.dsreg.port.out.GraphDevices;
import org.dsreg.port.out.GraphException;

/**
 * Microsoft Graph's {@code GET /v1.0/devices?$filter=deviceId eq '…'&$select=…} with a bearer token, over the DRS
 * client's OkHttp (TLS verified, the proxy settings honoured). The token never reaches a message or a log.
 */
final class HttpGraphDevices implements GraphDevices {
    /** The fields asked for: {@link DeviceManagement}'s, and the device id to match. */
    static final String SELECT = "id,deviceId,accountEnabled,isManaged,isCompliant,trustType,managementType,mdmAppId,"
            + "approximateLastSignInDateTime,complianceExpirationDateTime,operatingSystem,operatingSystemVersion";

    private final DrsSettings settings;
    private final HttpClients http;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    HttpGraphDevices(DrsSettings settings, HttpClients http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public Optional<DeviceManagement> device(URI graphBase, AccessToken token, DeviceId deviceId) {
        if (!DrsSettings.isHttps(graphBase)) {
            throw new GraphException("the Graph URL must be an https URL with a host: " + graphBase, 0, null, null);
        }
        HttpUrl url = HttpUrl.get(graphBase).newBuilder().addPathSegment("v1.0")
                .addPathSegment("devices")
                .addQueryParameter("$filter", "deviceId eq '" + deviceId + "'")
                .addQueryParameter("$select", SELECT).build();
        String requestId = UUID.randomUUID().toString();
        Request request = new Request.Builder().url(url).get()
                .header("Authorization", "Bearer " + token.token())
                .header("Accept", "application/json")
                .header("User-Agent", DrsSettings.CLIENT_NAME + "/" + settings.clientVersion())
                .header("client-request-id", requestId)
                .build();
        JsonNode reply = send(request, requestId);
        JsonNode value = reply.path("value");
        if (!value.isArray()) {
            throw malformed("no value array", requestId);
        }
        for (JsonNode d : value) {
            if (deviceId.toString().equalsIgnoreCase(d.path("deviceId").asText(""))) {
                return Optional.of(read(d, requestId));
            }
        }
        return Optional.empty();
    }

    private JsonNode send(Request request, String requestId) {
        try (Response response = http.client().newCall(request).execute()) {
            Optional<byte[]> body = DrsCalls.boundedBody(response.body());
            if (body.isEmpty()) {
                throw malformed("too large (more than " + DrsCalls.MAX_BODY / 1024 + " KiB)", requestId);
            }
            JsonNode node = parse(body.get());
            if (!response.isSuccessful()) {
                JsonNode error = node.path("error");
                Optional<String> code = DrsCalls.text(error, "code");
                Optional<String> message = DrsCalls.text(error, "message");
                throw new GraphException("Microsoft Graph refused the device request: HTTP " + response.code()
                        + code.map(c -> " " + c).orElse("") + message.map(m -> ": " + oneLine(m)).orElse("")
                        + " (request id " + requestId + ")", response.code(), code.orElse(null), null);
            }
            if (!node.isObject()) {
                throw malformed("not a JSON object", requestId);
            }
            return node;
        } catch (InterruptedIOException e) {
            throw new GraphException("Microsoft Graph did not answer the device request within "
                    + settings.requestTimeout().toSeconds() + " s" + ProxyTimeout.through(e) + " (timeout; request id "
                    + requestId + ")", 0, null, e);
        } catch (IOException e) {
            throw new GraphException("the device request to " + request.url().host() + " failed: "
                    + DrsCalls.oneLine(e) + " (request id " + requestId + ")", 0, null, e);
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode n = body.length == 0 ? null : json.readTree(body);
            return n == null ? json.createObjectNode() : n;
        } catch (IOException e) {
            return json.createObjectNode(); // not JSON: the status says it all, or "no value array"
        }
    }

    private static DeviceManagement read(JsonNode d, String requestId) {
        String id = DrsCalls.text(d, "id").orElseThrow(() -> malformed("a device without an id", requestId));
        return new DeviceManagement(id, bool(d, "accountEnabled"), bool(d, "isManaged"), bool(d, "isCompliant"),
                DrsCalls.text(d, "trustType"), DrsCalls.text(d, "managementType"), DrsCalls.text(d, "mdmAppId"),
                instant(d, "approximateLastSignInDateTime"), instant(d, "complianceExpirationDateTime"),
                DrsCalls.text(d, "operatingSystem"), DrsCalls.text(d, "operatingSystemVersion"));
    }

    private static Optional<Boolean> bool(JsonNode d, String field) {
        JsonNode v = d.path(field);
        return v.isBoolean() ? Optional.of(v.asBoolean()) : Optional.empty();
    }

    /** An ISO 8601 time (Graph's DateTimeOffset, UTC); an unreadable one is unknown rather than a failure. */
    private static Optional<Instant> instant(JsonNode d, String field) {
        try {
            return DrsCalls.text(d, field).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static GraphException malformed(String detail, String requestId) {
        return new GraphException("Microsoft Graph sent a malformed device reply: " + detail + " (request id "
                + requestId + ")", 0, null, null);
    }
}
