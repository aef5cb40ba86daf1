package org.dsreg.port.out;

import java.util.Optional;
import java.util.Set;

/** The key storages this installation knows, by name. */
public interface KeyStorages {
    Optional<KeyStorage> find(String name);

    Set<String> names();
}
