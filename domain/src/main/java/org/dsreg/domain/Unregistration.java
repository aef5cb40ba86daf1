package org.dsreg.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What an unregistration did: the registration removed here, and whether DRS had already deleted
 * the device (an administrator, or an earlier run interrupted between DRS's delete and ours).
 *
 * @param registration        the registration that was removed, with its keys
 * @param alreadyDeletedAtDrs whether DRS no longer knew the device when asked to delete it
 * @param prtsLeft            why dsreg's PRT files for the tenant could not be removed (they are useless without the
 *                            device, and the service refuses them); empty when they went, or there were none
 */
public record Unregistration(Registration registration, boolean alreadyDeletedAtDrs, Optional<String> prtsLeft) {
    public Unregistration {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(prtsLeft, "prtsLeft");
    }

    /** An unregistration that left nothing behind. */
    public Unregistration(Registration registration, boolean alreadyDeletedAtDrs) {
        this(registration, alreadyDeletedAtDrs, Optional.empty());
    }
}
