package org.dsreg.port.in;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.TenantId;

/** Run the diagnostics for one tenant, or for every tenant this device is registered with. */
public record DiagnoseCommand(Optional<TenantId> tenant) {
    public DiagnoseCommand {
        Objects.requireNonNull(tenant, "tenant");
    }
}
