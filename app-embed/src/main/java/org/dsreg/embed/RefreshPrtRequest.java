package org.dsreg.embed;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.TenantId;

/**
 * Acquire or renew a PRT for dsreg's registration with {@code tenant}: {@code tokenSource} is the first sign-in's
 * credential ({@link TokenSource.DeviceCode} or {@link TokenSource.RefreshTokenFile}); {@code account} (a UPN or an
 * object id) names the account, and a sign-in as another account is refused. {@code signIn}: sign in and acquire a
 * new PRT even when one is kept (one the service revoked), replacing it; otherwise a kept PRT is renewed (an
 * expired one is replaced by a sign-in all the same).
 */
public record RefreshPrtRequest(TenantId tenant, TokenSource tokenSource, Optional<String> account, boolean signIn) {
    /** Renew what is kept; sign in only for an account without a PRT (or with an expired one). */
    public RefreshPrtRequest(TenantId tenant, TokenSource tokenSource, Optional<String> account) {
        this(tenant, tokenSource, account, false);
    }

    public RefreshPrtRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(tokenSource, "tokenSource");
        Objects.requireNonNull(account, "account");
    }

    /** By device code, for the one account dsreg holds a PRT for (or the one who signs in). */
    public static RefreshPrtRequest of(TenantId tenant) {
        return new RefreshPrtRequest(tenant, new TokenSource.DeviceCode(), Optional.empty());
    }
}
