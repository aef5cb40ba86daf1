package org.dsreg.testkit.drs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** What the OAuth endpoints share: their tenant rule, form bodies, parameters and the AADSTS error answer. */
final class OAuthForms {
    private static final DateTimeFormatter OAUTH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private OAuthForms() {
    }

    static void requireTenant(EmulatorState state, String tenant) throws OAuthError {
        if (!state.isTenant(tenant) && !tenant.equals("organizations") && !tenant.equals("common")) {
            throw OAuthError.badRequest("invalid_request", 90002, "tenant '" + tenant + "' not found");
        }
    }

    /** The form body; the Content-Type must say it is one. */
    static Map<String, String> requireForm(EmulatorRequest request) throws OAuthError {
        String contentType = request.header("content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).split(";")[0].trim()
                .equals("application/x-www-form-urlencoded")) {
            throw OAuthError.badRequest("invalid_request", 900144,
                    "the body must be application/x-www-form-urlencoded, Content-Type was " + contentType);
        }
        return form(request);
    }

    /** The body read as a form, whatever the Content-Type says. */
    static Map<String, String> form(EmulatorRequest request) {
        return query(new String(request.body(), StandardCharsets.UTF_8));
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(name, value);
        }
        return q;
    }

    static String requireParam(Map<String, String> form, String name) throws OAuthError {
        String v = form.get(name);
        if (v == null || v.isBlank()) {
            throw OAuthError.badRequest("invalid_request", 900144,
                    "The request body must contain the following parameter: '" + name + "'.");
        }
        return v;
    }

    static boolean scopeIsDrs(String scope) {
        for (String s : scope.split(" ")) {
            if (s.equalsIgnoreCase(DrsEmulator.DRS_APP_ID + "/.default")
                    || s.equalsIgnoreCase(DrsEmulator.DRS_RESOURCE + "/.default")) {
                return true;
            }
        }
        return false;
    }

    static EmulatorResponse error(EmulatorState state, OAuthError e, EmulatorRequest request) {
        Instant now = Instant.now();
        String trace = UUID.randomUUID().toString();
        String correlation = request.header("client-request-id") != null ? request.header("client-request-id")
                : UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("error_description", "AADSTS" + e.code() + ": " + e.getMessage() + "\r\nTrace ID: " + trace
                + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + OAUTH_TIME.format(now));
        body.put("error_codes", List.of(e.code()));
        body.put("timestamp", OAUTH_TIME.format(now));
        body.put("trace_id", trace);
        body.put("correlation_id", correlation);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + e.code());
        return new EmulatorResponse(e.status(), state.bytes(body));
    }
}
