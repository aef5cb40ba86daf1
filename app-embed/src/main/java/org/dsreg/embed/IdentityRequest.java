package org.dsreg.embed;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.TenantId;

/**
 * A new device identity for dsreg's registration with a tenant: {@link #repair} (same key storage) or
 * {@link #rekey} (another key storage). The DRS token for the new join comes from {@code tokenSource}, as for a join.
 * {@code force}: replace it even when neither DRS nor the token service can say whether an administrator disabled the
 * device (a device known to be disabled is never replaced).
 */
public record IdentityRequest(TenantId tenant, Optional<String> keyStorage, TokenSource tokenSource, boolean force) {
    public IdentityRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(keyStorage, "keyStorage");
        Objects.requireNonNull(tokenSource, "tokenSource");
    }

    /** Not forced. */
    public IdentityRequest(TenantId tenant, Optional<String> keyStorage, TokenSource tokenSource) {
        this(tenant, keyStorage, tokenSource, false);
    }

    /** The same request, forced or not ({@code --force}). */
    public IdentityRequest forced(boolean forced) {
        return new IdentityRequest(tenant, keyStorage, tokenSource, forced);
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
