package org.dsreg.testkit.keystorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every part of the key-storage contract stands on: the backend under test, opened on a fresh directory
 * for each test, and "a restart" (closing the storage and opening the provider again on the same directory).
 * A backend subclasses {@link KeyStorageContract}, never this class.
 */
public abstract class KeyStorageFixture {
    /** The backend under test. */
    protected abstract KeyStorageProvider provider();

    /** The backend's options (for example a TPM's {@code tcti}); none by default. */
    protected Map<String, String> options() {
        return Map.of();
    }

    @TempDir
    Path stateDir;
    protected KeyStorageContext context;
    protected KeyStorage storage;

    @BeforeEach
    void openStorage() {
        context = new KeyStorageContext(stateDir.resolve("keys").resolve(provider().name()), options(), stateDir);
        storage = provider().open(context);
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    /** Closes the storage and opens the backend again on the same directory, as a new process would. */
    protected KeyStorage restart() {
        storage.close();
        storage = provider().open(context);
        return storage;
    }

    /** Whether the provider declares the capability. */
    protected boolean declares(KeyStorageCapability capability) {
        return provider().capabilities().contains(capability);
    }

    /** The regular files in the backend's directory and below. */
    protected List<Path> listFiles() throws IOException {
        if (!Files.exists(context.directory())) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(context.directory())) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
