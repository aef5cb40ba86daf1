package org.dsreg.adapter.drs;

import java.util.Objects;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;

/**
 * A PRT session-key message (a session-key JWS or one of the service's JWE replies) that dsreg refuses, with
 * the {@link Reason}. The service sent it, so it is a failed query (exit 3). The message names the part at
 * fault and never holds a key, a derived key or a plaintext.
 */
final class SessionKeyCryptoException extends DsregException {
    private static final long serialVersionUID = 1L;

    /** What is wrong; tests assert on it. */
    enum Reason {
        /** Not the compact serialization expected: wrong number of segments, a header that is not a JSON object. */
        MALFORMED,
        /** A segment, or the header's {@code ctx}, is not valid base64 (base64url for segments). */
        NOT_BASE64,
        /** The header's {@code alg} is not the one this message must have. */
        UNSUPPORTED_ALGORITHM,
        /** The header's {@code enc}, or the IV's length, names no encryption dsreg knows. */
        UNSUPPORTED_ENCRYPTION,
        /** The header's {@code kdf_ver} is neither absent, 1 nor 2 (or is not a number). */
        UNSUPPORTED_KDF_VERSION,
        /** A key, a context or an authentication tag has the wrong length. */
        BAD_LENGTH,
        /** The authentication tag does not verify, or the padding is wrong: another key, or altered bytes. */
        DOES_NOT_DECRYPT
    }

    private final Reason reason;

    SessionKeyCryptoException(Reason reason, String message) {
        this(reason, message, null);
    }

    SessionKeyCryptoException(Reason reason, String message, Throwable cause) {
        super(ErrorKind.QUERY_FAILED, message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    Reason reason() {
        return reason;
    }
}
