package org.dsreg.embed;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.TenantId;

/**
 * A new device identity for dsreg's registration with a tenant: {@link #repair} (same key storage) or
 * {@link #rekey} (another key storage). The DRS token for the new join comes from {@code tokenSource}, as for a join.
 */
public record IdentityRequest(TenantId tenant, Optional<String> keyStorage, TokenSource tokenSource) {
    public IdentityRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(keyStorage, "keyStorage");
        Objects.requireNonNull(tokenSource, "tokenSource");
    }

    /** {@code --repair}: the registration's own key storage. */
    public static IdentityRequest repair(TenantId tenant, TokenSource tokenSource) {
        return new IdentityRequest(tenant, Optional.empty(), tokenSource);
    }

    /** {@code --rekey}: the keys move to {@code keyStorage}. */
    public static IdentityRequest rekey(TenantId tenant, String keyStorage, TokenSource tokenSource) {
        return new IdentityRequest(tenant, Optional.of(keyStorage), tokenSource);
    }
}
