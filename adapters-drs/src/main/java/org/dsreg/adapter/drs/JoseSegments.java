package org.dsreg.adapter.drs;

import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.BAD_LENGTH;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.MALFORMED;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.NOT_BASE64;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.UNSUPPORTED_KDF_VERSION;

import java.io.IOException;
import java.util.Base64;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dsreg.domain.Printable;

/**
 * The pieces of a compact JWS or JWE (RFC 7515/7516 §7.1) that the session-key messages share: segments,
 * base64url, the protected header, and the header's {@code ctx} and {@code kdf_ver}. Every refusal is a
 * {@link SessionKeyCryptoException}; none quotes the bytes it refuses.
 */
final class JoseSegments {
    /** The shortest {@code ctx} taken: 128 bits (ROADtools sends 24 bytes, libhimmelblau 32). */
    static final int MIN_CTX_BYTES = 16;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private JoseSegments() {
    }

    /** The {@code count} dot-separated segments of {@code compact}, a {@code what} (for the message). */
    static String[] split(String compact, int count, String what) {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != count) {
            throw new SessionKeyCryptoException(MALFORMED, what + " has " + parts.length + " segments, not " + count);
        }
        return parts;
    }

    /** A segment decoded from base64url without padding (RFC 7515 §2), as JOSE writes it. */
    static byte[] base64url(String segment, String name) {
        if (segment.indexOf('=') >= 0) {
            throw new SessionKeyCryptoException(NOT_BASE64, "the " + name + " segment is padded, not base64url");
        }
        try {
            return Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw new SessionKeyCryptoException(NOT_BASE64, "the " + name + " segment is not base64url");
        }
    }

    /** The protected header: a base64url JSON object. */
    static JsonNode header(String segment) {
        JsonNode header;
        try {
            header = JSON.readTree(base64url(segment, "header"));
        } catch (IOException e) {
            throw new SessionKeyCryptoException(MALFORMED, "the header is not JSON");
        }
        if (header == null || !header.isObject()) {
            throw new SessionKeyCryptoException(MALFORMED, "the header is not a JSON object");
        }
        return header;
    }

    /** The header's {@code ctx}: standard base64 (as both public clients write it), at least 16 bytes. */
    static byte[] ctx(JsonNode header) {
        JsonNode ctx = header.get("ctx");
        if (ctx == null || !ctx.isTextual()) {
            throw new SessionKeyCryptoException(MALFORMED, "the header has no ctx");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(ctx.asText());
        } catch (IllegalArgumentException e) {
            throw new SessionKeyCryptoException(NOT_BASE64, "the header's ctx is not base64");
        }
        if (bytes.length < MIN_CTX_BYTES) {
            throw new SessionKeyCryptoException(BAD_LENGTH, "the header's ctx is " + bytes.length
                    + " bytes, fewer than " + MIN_CTX_BYTES);
        }
        return bytes;
    }

    /** The header's {@code kdf_ver}: absent or 1 is v1, the number 2 is v2; anything else is refused. */
    static SessionKeyKdf.Version kdfVersion(JsonNode header) {
        JsonNode v = header.get("kdf_ver");
        if (v == null) {
            return SessionKeyKdf.Version.V1;
        }
        if (v.isIntegralNumber() && v.asLong() == 1) {
            return SessionKeyKdf.Version.V1;
        }
        if (v.isIntegralNumber() && v.asLong() == 2) {
            return SessionKeyKdf.Version.V2;
        }
        throw new SessionKeyCryptoException(UNSUPPORTED_KDF_VERSION, "the header's kdf_ver "
                + (v.isNumber() || v.isTextual() ? "is " + quoted(v) : "is not a number")
                + "; dsreg knows 1 and 2");
    }

    /** The header's {@code alg} or {@code enc}, which must be {@code expected}. */
    static void require(JsonNode header, String field, String expected, SessionKeyCryptoException.Reason reason) {
        JsonNode value = header.get(field);
        if (value == null || !value.isTextual() || !expected.equals(value.asText())) {
            throw new SessionKeyCryptoException(reason, "the header's " + field + " is "
                    + (value == null ? "missing" : quoted(value)) + ", not " + expected);
        }
    }

    /** A header value (never a secret) fit for a one-line message: control characters masked, at most 40 characters. */
    private static String quoted(JsonNode value) {
        String text = Printable.of(value.toString());
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
