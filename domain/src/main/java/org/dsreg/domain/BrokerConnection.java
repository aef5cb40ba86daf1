package org.dsreg.domain;

import java.util.Objects;
import java.util.Optional;

/** What became of dsreg's attempt to talk to one identity broker service. */
public sealed interface BrokerConnection {

    /** The broker answered; its version where it told it. */
    record Reachable(Optional<String> version) implements BrokerConnection {
        public Reachable {
            Objects.requireNonNull(version, "version");
        }
    }

    /** The broker is not installed on this host: nothing to reach. */
    record NotInstalled() implements BrokerConnection {
    }

    /** The broker is installed but did not answer (not running, no bus, no reply in time). */
    record Unreachable(String reason) implements BrokerConnection {
        public Unreachable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Whether the broker answers cannot be told: there is no bus to ask it on (no session bus in a
     * root shell without a login session, for one). Not a failure.
     */
    record Unknown(String reason) implements BrokerConnection {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The broker holds its bus name but its object is not there yet: it is starting, and had not
     * finished by the deadline (it answered {@code UnknownObject}). Installed, not usable yet; {@code remedy}
     * says how to give it the time it needs.
     */
    record Starting(String reason, Remedy remedy) implements BrokerConnection {
        public Starting {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(remedy, "remedy");
        }
    }

    /** The broker answered with an error reply. */
    record Failed(BrokerError error) implements BrokerConnection {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
