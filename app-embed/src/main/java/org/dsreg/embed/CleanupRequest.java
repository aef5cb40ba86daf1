package org.dsreg.embed;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link Dsreg#cleanupPlan} plans for: the invoking user's home directory (absolute; its caches are
 * phase 1), and whether phase 2, the system's broker state and dsreg's own, is required ({@code system}: it then
 * fails without root rather than being left out).
 */
public record CleanupRequest(Path home, boolean system) {
    public CleanupRequest {
        Objects.requireNonNull(home, "home");
    }
}
