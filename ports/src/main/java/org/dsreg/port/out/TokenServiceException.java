package org.dsreg.port.out;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;

/**
 * The token endpoint refused a PRT request (an OAuth error: {@code errorCode} such as {@code AADSTS70000}), or
 * sent no usable reply. Carries what dsreg keeps as the last attempt. The message names the code and the first
 * line of the service's description; it never holds a token.
 */
public class TokenServiceException extends DsregException {
    private static final long serialVersionUID = 1L;

    private final Integer httpStatus;
    private final String errorCode;
    private final String description;
    private final String traceId;
    private final String correlationId;
    private final String endpoint;

    public TokenServiceException(ErrorKind kind, String message, Optional<Integer> httpStatus,
                                 Optional<String> errorCode, String description, Optional<String> traceId,
                                 String correlationId, String endpoint, Throwable cause) {
        this(kind, message, httpStatus, errorCode, description, traceId, correlationId, endpoint, null, cause);
    }

    /** The same, with what the user can do about it ({@code remedy} may be null). */
    public TokenServiceException(ErrorKind kind, String message, Optional<Integer> httpStatus,
                                 Optional<String> errorCode, String description, Optional<String> traceId,
                                 String correlationId, String endpoint, org.dsreg.domain.Remedy remedy,
                                 Throwable cause) {
        super(kind, message, remedy, cause);
        this.httpStatus = httpStatus.orElse(null);
        this.errorCode = errorCode.orElse(null);
        this.description = Objects.requireNonNull(description, "description");
        this.traceId = traceId.orElse(null);
        this.correlationId = Objects.requireNonNull(correlationId, "correlationId");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    public Optional<Integer> httpStatus() {
        return Optional.ofNullable(httpStatus);
    }

    /** {@code AADSTS<n>} for a refusal by the service; {@code no-reply} or {@code bad-reply} otherwise. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public String description() {
        return description;
    }

    public Optional<String> traceId() {
        return Optional.ofNullable(traceId);
    }

    public String correlationId() {
        return correlationId;
    }

    public String endpoint() {
        return endpoint;
    }
}
