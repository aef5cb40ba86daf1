package org.dsreg.port.in;

import java.util.Objects;
import org.dsreg.domain.TenantId;

/** Unregister this device from a tenant: delete it at DRS, then its keys and registration here. */
public record UnregisterDeviceCommand(TenantId tenant) {
    public UnregisterDeviceCommand {
        Objects.requireNonNull(tenant, "tenant");
    }
}
