package org.dsreg.spi.keystorage;

import java.util.Objects;

/** Whether a key-storage backend can be used on this machine. */
public sealed interface Availability {
    /** Usable; {@code details} names what it will use (a TPM's manufacturer, a device path), or is empty. */
    record Usable(String details) implements Availability {
        public Usable {
            Objects.requireNonNull(details, "details");
        }
    }

    /** Not usable, and why, with what to do about it. */
    record Unusable(String reason) implements Availability {
        public Unusable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
