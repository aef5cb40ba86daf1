package org.dsreg.port.out;

import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;

/** A Microsoft Graph request that failed: transport trouble, or an error reply with Graph's code. */
public class GraphException extends DsregException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String errorCode;

    /**
     * @param httpStatus the HTTP status, 0 when no answer came
     * @param errorCode  Graph's {@code error.code} ({@code Authorization_RequestDenied}), or {@code null}
     */
    public GraphException(String message, int httpStatus, String errorCode, Throwable cause) {
        super(ErrorKind.QUERY_FAILED, message, null, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status, or 0 when no response was received. */
    public int httpStatus() {
        return httpStatus;
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }
}
