package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.TenantRef;
import org.dsreg.port.out.Discovery;
import org.junit.jupiter.api.Test;

/** The join's TargetDomain: the tenant's domain as given, else as discovered, else the DRS host. */
class TargetDomainTest {
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");

    static Discovery discovery(Optional<String> tenantName) {
        TenantDetails d = new TenantDetails(TENANT, tenantName, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        return new Discovery(d, Optional.empty(), "enterpriseregistration.windows.net");
    }

    @Test
    void theDomainGivenWinsOverTheDiscoveredOne() {
        assertEquals("fabrikam.example", TargetDomain.of(TenantRef.parse("fabrikam.example"), discovery(Optional.of("contoso.example"))));
    }

    @Test
    void aTenantIdGivenTakesTheDomainDiscoveryNames() {
        assertEquals("contoso.example", TargetDomain.of(TenantRef.parse(TENANT.toString()), discovery(Optional.of("contoso.example"))));
    }

    @Test
    void withoutAnyDomainItIsTheDrsHostAsMsDrsDescribesTheMember() {
        assertEquals("enterpriseregistration.windows.net", TargetDomain.of(TenantRef.parse(TENANT.toString()), discovery(Optional.empty())));
        assertEquals("enterpriseregistration.windows.net", TargetDomain.of(TenantRef.parse(TENANT.toString()),
                discovery(Optional.of(" "))));
    }
}
