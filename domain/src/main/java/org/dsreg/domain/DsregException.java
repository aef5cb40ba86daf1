package org.dsreg.domain;

import java.util.Objects;

/**
 * A failure the user must be told about: a kind (which decides the exit code) and a one-line
 * message fit to print. An optional hint says what to do about it.
 */
public class DsregException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String hint;

    public DsregException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public DsregException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, null, cause);
    }

    public DsregException(ErrorKind kind, String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.hint = hint;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** What the user can do about it, or {@code null}. */
    public String hint() {
        return hint;
    }

    /** Shorthand for an invalid-argument failure. */
    public static DsregException invalidArgument(String message) {
        return new DsregException(ErrorKind.INVALID_ARGUMENTS, message);
    }
}
