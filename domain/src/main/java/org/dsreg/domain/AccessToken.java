package org.dsreg.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An access token, with the audience ({@code aud} claim) and tenant ({@code tid} claim) read from it
 * where it is a JWT. Its {@link #toString()} never shows the token.
 */
public record AccessToken(String token, Optional<Instant> expiresOn, Optional<String> audience,
                          Optional<String> tenant) {
    public AccessToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresOn, "expiresOn");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(tenant, "tenant");
    }

    /** A token whose tenant is not known. */
    public AccessToken(String token, Optional<Instant> expiresOn, Optional<String> audience) {
        this(token, expiresOn, audience, Optional.empty());
    }

    @Override
    public String toString() {
        return "AccessToken[" + token.length() + " chars, expiresOn=" + expiresOn.map(Object::toString).orElse("?") + "]";
    }
}
