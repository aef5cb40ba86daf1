package org.dsreg.adapter.drs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.dsreg.domain.ErrorKind;
import org.dsreg.port.out.DrsException;

/**
 * One HTTPS exchange with DRS: the reply is read up to {@link #MAX_BODY} bytes and no further (a
 * larger one is "too large", whatever it holds), error replies keep DRS's ErrorType, Message and
 * TraceId, and transport failures say what failed in a line fit to print.
 */
final class DrsCalls {
    /** The most a DRS reply may hold. Discovery, join and error replies are a few KB. */
    static final int MAX_BODY = 1024 * 1024;

    /**
     * What came back.
     *
     * @param localCertificates the certificates we presented in the TLS handshake (empty: none)
     */
    record Answer(int status, byte[] body, List<Certificate> localCertificates, String requestId) {
        boolean successful() {
            return status >= 200 && status < 300;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Duration timeout;

    DrsCalls(Duration timeout) {
        this.timeout = timeout;
    }

    /** Sends a request and returns its JSON reply (an empty object for an empty body). */
    JsonNode call(String what, ErrorKind failure, OkHttpClient client, Request request) {
        Answer a = send(what, failure, client, request);
        if (!a.successful()) {
            throw refused(what, failure, a);
        }
        return json(what, a);
    }

    /** A successful answer's JSON object (an empty object for an empty body). */
    JsonNode json(String what, Answer a) {
        if (a.body().length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(a.body());
            if (node == null || !node.isObject()) {
                throw malformed(what, "not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(what, "not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw malformed(what, "not JSON");
        }
    }

    /** Sends a request and reads its answer, whatever its status. */
    Answer send(String what, ErrorKind failure, OkHttpClient client, Request request) {
        String requestId = request.header("client-request-id");
        try (Response response = client.newCall(request).execute()) {
            byte[] body = bounded(what, failure, response.body(), requestId);
            List<Certificate> local = response.handshake() == null ? List.of()
                    : response.handshake().localCertificates();
            return new Answer(response.code(), body, local, requestId);
        } catch (InterruptedIOException e) {
            String through = ProxyTimeout.through(e);
            String who = through.isEmpty() ? "DRS did not answer the " + what + " request"
                    : "the " + what + " request got no answer";
            throw new DrsException(failure, who + " within " + timeout.toSeconds() + " s" + through
                    + " (timeout; request id " + requestId + ")", 0, null, null, e);
        } catch (IOException e) {
            throw new DrsException(failure, "the " + what + " request to " + request.url().host() + " failed: "
                    + oneLine(e) + " (request id " + requestId + ")", 0, null, null, e);
        }
    }

    private static byte[] bounded(String what, ErrorKind failure, ResponseBody body, String requestId)
            throws IOException {
        return boundedBody(body).orElseThrow(() -> tooLarge(what, failure, requestId));
    }

    /** A reply's body, read up to {@link #MAX_BODY} bytes (empty for none); empty when it is larger. */
    static Optional<byte[]> boundedBody(ResponseBody body) throws IOException {
        if (body == null) {
            return Optional.of(new byte[0]);
        }
        if (body.contentLength() > MAX_BODY) {
            return Optional.empty();
        }
        BufferedSource source = body.source();
        if (source.request(MAX_BODY + 1L)) {
            return Optional.empty();
        }
        return Optional.of(source.readByteArray());
    }

    private static DrsException tooLarge(String what, ErrorKind failure, String requestId) {
        return new DrsException(failure, "DRS's " + what + " reply is too large (more than " + MAX_BODY / 1024
                + " KiB; request id " + requestId + ")", 0, null, null, null);
    }

    /** DRS's error details, when the body is a DRS (or OAuth) error object. */
    record ErrorDetails(Optional<String> errorType, Optional<String> message, Optional<String> traceId) {
    }

    ErrorDetails details(byte[] body) {
        try {
            JsonNode n = json.readTree(body);
            if (n != null && n.isObject()) {
                return new ErrorDetails(text(n, "ErrorType").or(() -> text(n, "error")),
                        text(n, "Message").or(() -> text(n, "error_description")), text(n, "TraceId"));
            }
        } catch (IOException e) {
            // not JSON: the status says it all
        }
        return new ErrorDetails(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The refusal of a request that got an error answer: 401 is exit 5 where the failure would be exit 3. */
    DrsException refused(String what, ErrorKind failure, Answer a) {
        ErrorKind kind = a.status() == 401 && failure == ErrorKind.QUERY_FAILED ? ErrorKind.DRS_TOKEN_REQUIRED : failure;
        ErrorDetails d = details(a.body());
        return new DrsException(kind, describe("DRS refused the " + what + " request", a, d), a.status(),
                d.errorType().orElse(null), d.traceId().orElse(null), null);
    }

    /** "prefix: HTTP 404 ErrorType: Message (request id …, trace id …)". */
    static String describe(String prefix, Answer a, ErrorDetails d) {
        StringBuilder m = new StringBuilder(prefix + ": HTTP " + a.status());
        d.errorType().ifPresent(t -> m.append(' ').append(t));
        d.message().ifPresent(t -> m.append(": ").append(t.strip()));
        m.append(" (request id ").append(a.requestId());
        d.traceId().ifPresent(t -> m.append(", trace id ").append(t));
        return m.append(')').toString();
    }

    static DrsException malformed(String what, String detail) {
        return new DrsException(ErrorKind.QUERY_FAILED, "DRS sent a malformed " + what + " reply: " + detail, 0, null,
                null, null);
    }

    /**
     * The innermost cause's message on one line, said to be about the server's certificate when the TLS handshake
     * refused it; never a class name.
     */
    static String oneLine(Throwable e) {
        Throwable root = e;
        boolean certificate = false;
        while (true) {
            certificate |= root instanceof java.security.cert.CertificateException;
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        String m = root.getMessage() == null || root.getMessage().isBlank() ? "connection failed" : root.getMessage();
        return (certificate ? "the server's TLS certificate is not trusted: " : "") + m.replaceAll("\\s+", " ");
    }

    static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }
}
