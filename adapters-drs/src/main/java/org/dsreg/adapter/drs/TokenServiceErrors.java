package org.dsreg.adapter.drs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Printable;
import org.dsreg.port.out.TokenServiceException;

/**
 * The {@link TokenServiceException}s of the PRT grants, all {@code QUERY_FAILED} (exit 3): a refusal in the AAD
 * error shape ({@code error}, {@code error_description} "AADSTS&lt;n&gt;: …", {@code error_codes}, {@code trace_id};
 * reference §6a "Errors") keeps its code, the description's first line, the trace id; {@code no-reply} when nothing
 * came back, {@code bad-reply} when what came back cannot be read. Each message is one line ending with the request
 * id dsreg sent; none holds a token (the service's description is its own text, masked and bounded).
 */
final class TokenServiceErrors {
    static final String NO_REPLY = "no-reply";
    static final String BAD_REPLY = "bad-reply";
    /** The most of the service's description kept: its first line, at most this many characters. */
    static final int MAX_DESCRIPTION = 300;
    private static final Pattern AADSTS = Pattern.compile("^(AADSTS\\d+)\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenServiceErrors() {
    }

    /** The service answered {@code status} to the {@code what}: its error, as the service put it. */
    static TokenServiceException refused(TokenEndpointCalls.Call call, int status, String what, byte[] body) {
        JsonNode error = json(body);
        if (error == null || !error.path("error").isTextual()) {
            return badReply(call, Optional.of(status), what, "HTTP " + status + " without an OAuth error", null);
        }
        String description = firstLine(error.path("error_description").asText(""));
        Optional<String> code = errorCode(error, description);
        Optional<String> traceId = DrsCalls.text(error, "trace_id").map(TokenServiceErrors::firstLine);
        String shown = code.orElse(firstLine(error.path("error").asText()));
        String text = description.startsWith(shown) ? description : shown + (description.isEmpty() ? ""
                : ": " + description);
        String message = "the token service refused the " + what + ": " + text + " (HTTP " + status
                + traceId.map(t -> ", trace id " + t).orElse("") + ", request id " + call.correlationId() + ")";
        return new TokenServiceException(ErrorKind.QUERY_FAILED, message, Optional.of(status),
                code.or(() -> Optional.of(shown)), description, traceId, call.correlationId(), call.endpoint(), null);
    }

    /** {@code AADSTS<n>}: from {@code error_codes[0]}, else the description's prefix. */
    static Optional<String> errorCode(JsonNode error, String description) {
        JsonNode codes = error.path("error_codes");
        if (codes.isArray() && codes.size() > 0 && codes.get(0).canConvertToLong()) {
            return Optional.of("AADSTS" + codes.get(0).asLong());
        }
        Matcher m = AADSTS.matcher(description);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static TokenServiceException noReply(TokenEndpointCalls.Call call, String detail, Throwable cause) {
        String message = detail + " (request id " + call.correlationId() + ")";
        return new TokenServiceException(ErrorKind.QUERY_FAILED, message, Optional.empty(), Optional.of(NO_REPLY),
                detail, Optional.empty(), call.correlationId(), call.endpoint(), cause);
    }

    static TokenServiceException badReply(TokenEndpointCalls.Call call, Optional<Integer> status, String what,
                                          String detail, Throwable cause) {
        String line = firstLine(detail);
        String message = "the token service sent an unreadable reply to the " + what + ": " + line
                + " (request id " + call.correlationId() + ")";
        return new TokenServiceException(ErrorKind.QUERY_FAILED, message, status, Optional.of(BAD_REPLY), line,
                Optional.empty(), call.correlationId(), call.endpoint(), cause);
    }

    /** No request could be made: the registration lacks what the request needs (a token endpoint, a key). */
    static TokenServiceException noRequest(String endpoint, String detail) {
        return new TokenServiceException(ErrorKind.QUERY_FAILED, detail, Optional.empty(),
                Optional.empty(), detail, Optional.empty(), "", endpoint, null);
    }

    /** The first line of a service text, control characters masked, at most {@link #MAX_DESCRIPTION} characters. */
    static String firstLine(String text) {
        String line = Printable.of(text.strip().lines().findFirst().orElse("")).strip();
        return line.length() <= MAX_DESCRIPTION ? line : line.substring(0, MAX_DESCRIPTION) + "…";
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
