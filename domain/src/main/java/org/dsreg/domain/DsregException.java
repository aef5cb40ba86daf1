package org.dsreg.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A failure the user must be told about: a kind (which decides the exit code) and a one-line
 * message fit to print. An optional {@link Remedy} says what to do about it.
 */
public class DsregException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final transient Remedy remedy;

    public DsregException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public DsregException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, null, cause);
    }

    public DsregException(ErrorKind kind, String message, Remedy remedy, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.remedy = remedy;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** What the user can do about it, when something helps. */
    public Optional<Remedy> remedy() {
        return Optional.ofNullable(remedy);
    }

    /** Shorthand for an invalid-argument failure. */
    public static DsregException invalidArgument(String message) {
        return new DsregException(ErrorKind.INVALID_ARGUMENTS, message);
    }
}
