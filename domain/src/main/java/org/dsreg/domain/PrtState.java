package org.dsreg.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known of a user's Primary Refresh Token. A source that does not expose a time leaves it
 * empty; nothing is invented.
 */
public sealed interface PrtState {

    /** A PRT is present and usable. */
    record Present(Optional<Instant> acquiredAt, Optional<Instant> expiresAt, Optional<Instant> lastRefresh,
                   Optional<String> sessionKeyProtocol) implements PrtState {
        public Present {
            Objects.requireNonNull(acquiredAt, "acquiredAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(lastRefresh, "lastRefresh");
            Objects.requireNonNull(sessionKeyProtocol, "sessionKeyProtocol");
        }

        /** The PRT's age: time since it was last refreshed, or else since it was acquired. */
        public Optional<Duration> age(Clock clock) {
            Instant now = clock.instant();
            return lastRefresh.or(() -> acquiredAt).map(t -> Duration.between(t, now));
        }

        public boolean expiredAt(Instant now) {
            return expiresAt.map(now::isAfter).orElse(false);
        }
    }

    /** The source answered that there is no PRT (no sign-in, or it expired). */
    record Absent(String reason) implements PrtState {
        public Absent {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The source could not be asked or did not answer in time. */
    record Unknown(String reason) implements PrtState {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
