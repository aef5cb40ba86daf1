package org.dsreg.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.dsreg.spi.keystorage.KeyStorageException;

/** The key-storage backends this installation sees, by name; each opened on first use. */
public interface KeyStorages {
    /**
     * The storage of that name, opened on first use and kept open; empty when there is no such
     * backend.
     *
     * @throws KeyStorageException when the backend exists but cannot be opened here
     */
    Optional<KeyStorage> find(String name);

    Set<String> names();

    /** Every backend with what it can do and whether it is usable here (each backend is probed). */
    List<Backend> backends();

    /** What the backend of that name declares it can do, without probing any backend; empty when there is none. */
    default Set<KeyStorageCapability> capabilities(String name) {
        return backends().stream().filter(b -> b.name().equals(name)).findFirst().map(Backend::capabilities)
                .orElse(Set.of());
    }

    /** A backend as listed by {@code dsreg --list-key-storages}. */
    record Backend(String name, String description, Set<KeyStorageCapability> capabilities,
                   Availability availability) {
        public Backend {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            capabilities = Set.copyOf(capabilities);
            Objects.requireNonNull(availability, "availability");
        }
    }
}
