package org.dsreg.port.in;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.TenantId;

/** Ask for the device's status, for one tenant or (when empty) for every registration. */
public record QueryStatusCommand(Optional<TenantId> tenant) {
    public QueryStatusCommand {
        Objects.requireNonNull(tenant, "tenant");
    }

    public static QueryStatusCommand allTenants() {
        return new QueryStatusCommand(Optional.empty());
    }
}
