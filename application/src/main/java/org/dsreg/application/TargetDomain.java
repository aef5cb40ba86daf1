package org.dsreg.application;

import org.dsreg.domain.TenantRef;
import org.dsreg.port.out.Discovery;

/**
 * The join's {@code TargetDomain}: the tenant's domain name, as libhimmelblau sends it (the domain it discovered
 * with). The domain the user gave to {@code --tenant-id}, else discovery's {@code TenantInfo.TenantName}; when
 * there is neither (a tenant id was given and discovery names no domain), the DRS host name, which is what
 * MS-DRS 2.1.1.1.1 itself describes the member as. ROADtools sends anything it is given, and DRS is not known to
 * check the value.
 */
final class TargetDomain {
    private TargetDomain() {
    }

    static String of(TenantRef tenant, Discovery discovery) {
        return tenant.domain().or(() -> discovery.details().tenantName().filter(n -> !n.isBlank()))
                .orElse(discovery.drsHost());
    }
}
