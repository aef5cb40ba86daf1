package org.dsreg.embed;

import java.util.Objects;
import java.util.Set;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorageCapability;

/** A key-storage backend on the class path, as {@code dsreg --list-key-storages} shows it. */
public record KeyStorageBackend(String name, String description, Set<KeyStorageCapability> capabilities,
                                Availability availability) {
    public KeyStorageBackend {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        capabilities = Set.copyOf(capabilities);
        Objects.requireNonNull(availability, "availability");
    }

    /** Whether it can be used on this machine ({@link #availability()} says why not). */
    public boolean usable() {
        return availability instanceof Availability.Usable;
    }
}
