package org.dsreg.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code --repair} or {@code --rekey} did.
 *
 * @param previous           the registration before
 * @param next               the registration now in use; empty when there was nothing to repair
 * @param reason             why the identity was (or was not) replaced, in words for the user
 * @param previousDeletedAtDrs whether the previous device object is gone at DRS (deleted now, or before)
 * @param prtsRemoved        whether the tenant's PRTs were removed (they named the previous device)
 * @param warnings           what was left for the user to do (a device to delete in the admin center, PRTs removed)
 */
public record Replacement(Registration previous, Optional<Registration> next, String reason,
                          boolean previousDeletedAtDrs, boolean prtsRemoved, List<String> warnings) {
    public Replacement {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(reason, "reason");
        warnings = List.copyOf(warnings);
    }

    /** Nothing to repair: the registration is healthy. */
    public static Replacement healthy(Registration registration, String reason) {
        return new Replacement(registration, Optional.empty(), reason, false, false, List.of());
    }
}
