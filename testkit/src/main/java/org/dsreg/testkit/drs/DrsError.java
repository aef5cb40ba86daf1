package org.dsreg.testkit.drs;

/** A DRS error answer ({@code ErrorDetails}) raised while handling a request. */
final class DrsError extends Exception {
    private static final long serialVersionUID = 1L;

    static final String INVALID_PARAMETER = "InvalidParameter";
    static final String MESSAGE_FORMAT = "MessageFormatError";
    static final String CERTIFICATE_REQUEST = "CertificateRequestError";
    static final String AUTHENTICATION = "AuthenticationError";
    static final String AUTHORIZATION = "AuthorizationError";
    static final String NOT_FOUND = "NotFound";
    static final String METHOD_NOT_ALLOWED = "MethodNotAllowed";
    static final String TOO_LARGE = "RequestEntityTooLarge";
    static final String INTERNAL = "InternalServiceError";

    private final int status;
    private final String errorType;

    DrsError(int status, String errorType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    static DrsError badRequest(String errorType, String message) {
        return new DrsError(400, errorType, message);
    }

    int status() {
        return status;
    }

    String errorType() {
        return errorType;
    }
}
