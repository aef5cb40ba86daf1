package org.dsreg.domain;

import java.util.Objects;
import java.util.Optional;

/** A work or school account the identity broker knows for the signed-in user. */
public record Account(String username, Optional<TenantId> tenantId, String homeAccountId,
                      Optional<String> displayName, Optional<String> environment) {
    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(homeAccountId, "homeAccountId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(environment, "environment");
    }
}
