package org.dsreg.port.out;

import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;

/** A DRS request that failed: transport trouble, or an error reply with the service's details. */
public class DrsException extends DsregException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String errorType;
    private final String traceId;

    public DrsException(ErrorKind kind, String message, int httpStatus, String errorType, String traceId,
                        Throwable cause) {
        super(kind, message, null, cause);
        this.httpStatus = httpStatus;
        this.errorType = errorType;
        this.traceId = traceId;
    }

    /** The HTTP status, or 0 when no response was received. */
    public int httpStatus() {
        return httpStatus;
    }

    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    public Optional<String> traceId() {
        return Optional.ofNullable(traceId);
    }
}
