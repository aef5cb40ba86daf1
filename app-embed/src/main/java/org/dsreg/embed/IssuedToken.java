package org.dsreg.embed;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.AccessToken;

/** An access token obtained through a PRT, and the scope the service granted when it said. */
public record IssuedToken(AccessToken token, Optional<String> scope) {
    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(scope, "scope");
    }
}
