package org.dsreg.embed;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.TenantId;

/**
 * An access token through dsreg's PRT with {@code tenant}: for the application {@code clientId} and {@code scope}
 * (such as {@code https://graph.microsoft.com/.default}), for {@code account} (a UPN or an object id; empty: the
 * only account dsreg holds a PRT for).
 */
public record AccessTokenRequest(TenantId tenant, String clientId, String scope, Optional<String> account) {
    public AccessTokenRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(account, "account");
    }
}
