package org.dsreg.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Device State section: the three flags of {@code dsregcmd}, the domain name, the derived
 * device state, and WorkplaceJoined (an Entra registration).
 */
public record JoinState(boolean azureAdJoined, boolean enterpriseJoined, DomainMembership domain,
                        boolean workplaceJoined) {

    public JoinState {
        Objects.requireNonNull(domain, "domain");
    }

    /** Derives the flags from the registrations found and the host's domain membership. */
    public static JoinState of(List<Registration> registrations, DomainMembership domain) {
        boolean joined = registrations.stream().anyMatch(r -> r.joinType() == JoinType.JOINED);
        boolean registered = registrations.stream().anyMatch(r -> r.joinType() != JoinType.JOINED);
        // On-premises DRS (AD FS) joins are not made on Linux: EnterpriseJoined stays NO.
        return new JoinState(joined, false, domain, registered);
    }

    public boolean domainJoined() {
        return domain instanceof DomainMembership.Joined;
    }

    public Optional<String> domainName() {
        return domain instanceof DomainMembership.Joined j ? Optional.of(j.domainName()) : Optional.empty();
    }

    public DeviceState deviceState() {
        return DeviceState.derive(azureAdJoined, enterpriseJoined, domainJoined());
    }
}
