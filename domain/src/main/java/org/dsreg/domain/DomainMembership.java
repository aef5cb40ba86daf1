package org.dsreg.domain;

import java.util.Objects;

/** Whether this host is joined to an Active Directory domain. */
public sealed interface DomainMembership {

    /** Joined to the named domain. */
    record Joined(String domainName) implements DomainMembership {
        public Joined {
            Objects.requireNonNull(domainName, "domainName");
        }
    }

    /** Known not to be joined. */
    record NotJoined() implements DomainMembership {
    }

    /** Could not be told (for example the configuration is readable by root only). */
    record Unknown(String reason) implements DomainMembership {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
