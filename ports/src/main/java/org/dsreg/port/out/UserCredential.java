package org.dsreg.port.out;

import java.util.Objects;
import java.util.Optional;

/**
 * A user's refresh token for the client a first PRT is requested with, and who the user is when the sign-in said
 * (an ID token's {@code preferred_username}/{@code upn} and {@code oid}). Its {@link #toString()} never shows the
 * token.
 */
public record UserCredential(String refreshToken, Optional<String> upn, Optional<String> objectId) {
    public UserCredential {
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(upn, "upn");
        Objects.requireNonNull(objectId, "objectId");
    }

    @Override
    public String toString() {
        return "UserCredential[token hidden, upn=" + upn.orElse("?") + "]";
    }
}
