package org.dsreg.port.out;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.AccessToken;

/** An access token obtained with a PRT, and the scope the service granted (its {@code scope}, when it sent one). */
public record PrtAccessToken(AccessToken token, Optional<String> scope) {
    public PrtAccessToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(scope, "scope");
    }
}
