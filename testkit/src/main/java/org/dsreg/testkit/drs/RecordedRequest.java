package org.dsreg.testkit.drs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the emulator received it, in arrival order in {@link DrsEmulator#requests()}.
 *
 * @param method  the HTTP method
 * @param path    the decoded request path, e.g. {@code /EnrollmentServer/device/}
 * @param query   the raw query string without {@code ?}, or the empty string
 * @param headers the request headers, sorted by name; names lower-cased, values in arrival order
 * @param body    the body bytes (at most the emulator's body limit; a copy)
 * @param time    when the request arrived
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              byte[] body, Instant time) {

    /**
     * Copies the mutable parts.
     *
     * @param method  the HTTP method
     * @param path    the path
     * @param query   the query
     * @param headers the headers (lower-cased names)
     * @param body    the body
     * @param time    the arrival time
     */
    public RecordedRequest {
        java.util.TreeMap<String, List<String>> copy = new java.util.TreeMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableSortedMap(copy);
        body = body.clone();
    }

    /**
     * The body bytes.
     *
     * @return a copy of the body
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the body text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, any case
     * @return the first value, if the header was sent
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * A short description without the body and header values (the request may carry a bearer token).
     *
     * @return {@code METHOD path?query}
     */
    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " (" + body.length + " body bytes)";
    }
}
