package org.dsreg.port.in;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.Printable;
import org.dsreg.domain.TenantId;

/**
 * Ask the broker for a DRS access token: for the account of {@code tenant}, the account named
 * {@code username}, or the only account.
 */
public record AcquireDrsTokenCommand(Optional<TenantId> tenant, Optional<String> username) {
    public AcquireDrsTokenCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(username, "username");
        if (username.isPresent() && !username.get().matches("[^\\s@]+@[^\\s@]+")) {
            throw DsregException.invalidArgument("'" + Printable.of(username.get())
                    + "' is not a user principal name (user@domain)");
        }
    }
}
