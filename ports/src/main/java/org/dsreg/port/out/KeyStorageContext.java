package org.dsreg.port.out;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend is given: a directory of its own for whatever it keeps on disk
 * ({@code <state>/keys/<name>}, which it creates 0700 when it needs it), and its options
 * ({@code tcti} for the TPM backend, from {@code --tpm-tcti}).
 */
public record KeyStorageContext(Path directory, Map<String, String> options) {
    public KeyStorageContext {
        Objects.requireNonNull(directory, "directory");
        options = Map.copyOf(options);
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }
}
