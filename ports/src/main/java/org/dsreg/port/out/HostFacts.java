package org.dsreg.port.out;

import org.dsreg.domain.DomainMembership;
import org.dsreg.domain.HostInfo;

/** Facts about the host the application needs: name, OS, Active Directory membership. */
public interface HostFacts {
    HostInfo host();

    DomainMembership domainMembership();
}
