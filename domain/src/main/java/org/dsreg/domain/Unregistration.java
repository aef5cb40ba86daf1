package org.dsreg.domain;

import java.util.Objects;

/**
 * What an unregistration did: the registration removed here, and whether DRS had already deleted
 * the device (an administrator, or an earlier run interrupted between DRS's delete and ours).
 *
 * @param registration        the registration that was removed, with its keys
 * @param alreadyDeletedAtDrs whether DRS no longer knew the device when asked to delete it
 */
public record Unregistration(Registration registration, boolean alreadyDeletedAtDrs) {
    public Unregistration {
        Objects.requireNonNull(registration, "registration");
    }
}
