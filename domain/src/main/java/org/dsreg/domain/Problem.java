package org.dsreg.domain;

import java.util.Objects;

/** Something wrong (or worth attention) that status found, with what to do about it. */
public record Problem(Severity severity, String message, Remedy remedy) {
    public enum Severity { WARNING, ERROR }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(remedy, "remedy");
    }
}
