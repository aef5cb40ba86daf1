package org.dsreg.domain;

import java.util.Objects;

/**
 * An error reply of the identity broker, kept as the broker said it so that the user can look it
 * up: {@code errorCode}, {@code status} (such as {@code invalid_grant}), {@code subStatus}
 * (such as {@code token_expired}), {@code tag} and {@code context}. Absent fields are empty strings.
 */
public record BrokerError(String errorCode, String status, String subStatus, String tag, String context) {
    public BrokerError {
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subStatus, "subStatus");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(context, "context");
    }

    /** One line for the user, such as {@code invalid_grant/token_expired (errorCode 1234, tag abcd)}. */
    public String summary() {
        StringBuilder b = new StringBuilder(status.isEmpty() ? "error" : status);
        if (!subStatus.isEmpty()) {
            b.append('/').append(subStatus);
        }
        StringBuilder extra = new StringBuilder();
        if (!errorCode.isEmpty()) {
            extra.append("errorCode ").append(errorCode);
        }
        if (!tag.isEmpty()) {
            extra.append(extra.length() > 0 ? ", " : "").append("tag ").append(tag);
        }
        return extra.length() > 0 ? b + " (" + extra + ")" : b.toString();
    }
}
