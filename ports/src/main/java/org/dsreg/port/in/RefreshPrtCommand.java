package org.dsreg.port.in;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.TenantId;

/**
 * {@code --refreshprt}: acquire (no PRT yet for the account, or only an expired one) or renew (one exists) a PRT for
 * dsreg's registration with {@code tenant}. {@code tokenSource} is the user credential of an acquisition: the device
 * code flow or a refresh token file. {@code account} (a UPN or object id) names the account; a sign-in as another is
 * refused. {@code signIn}: acquire with a sign-in even when a PRT is kept (one the service revoked, say), replacing it.
 */
public record RefreshPrtCommand(TenantId tenant, TokenSourceSpec tokenSource, Optional<String> account,
                                boolean signIn) {
    /** Renew what is kept; sign in only for an account without a PRT. */
    public RefreshPrtCommand(TenantId tenant, TokenSourceSpec tokenSource, Optional<String> account) {
        this(tenant, tokenSource, account, false);
    }

    public RefreshPrtCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(tokenSource, "tokenSource");
        Objects.requireNonNull(account, "account");
        if (!(tokenSource instanceof TokenSourceSpec.DeviceCode || tokenSource instanceof TokenSourceSpec.RefreshTokenFile)) {
            throw DsregException.invalidArgument("a PRT's first sign-in is by device code or by a refresh token file,"
                    + " not " + describe(tokenSource));
        }
        if (account.filter(String::isBlank).isPresent()) {
            throw DsregException.invalidArgument("the account must not be empty");
        }
    }

    private static String describe(TokenSourceSpec spec) {
        return spec instanceof TokenSourceSpec.Broker ? "the broker" : "an access token file";
    }
}
