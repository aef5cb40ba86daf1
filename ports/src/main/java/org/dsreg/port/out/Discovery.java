package org.dsreg.port.out;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;

/**
 * What DRS discovery returned: the tenant details kept with a registration, plus what the join
 * needs (the nonce service; the DRS host, the join's TargetDomain when no tenant domain is known).
 */
public record Discovery(TenantDetails details, Optional<ServiceEndpoint> nonceService, String drsHost) {
    public Discovery {
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(nonceService, "nonceService");
        Objects.requireNonNull(drsHost, "drsHost");
    }
}
