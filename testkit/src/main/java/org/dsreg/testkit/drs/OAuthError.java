package org.dsreg.testkit.drs;

/** An OAuth 2.0 error answer ({@code {"error":…,"error_description":…,"error_codes":[…]}}). */
final class OAuthError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final int code;

    OAuthError(int status, String error, int code, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.code = code;
    }

    static OAuthError badRequest(String error, int code, String description) {
        return new OAuthError(400, error, code, description);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    /** The AADSTS number, as in {@code error_codes}. */
    int code() {
        return code;
    }
}
