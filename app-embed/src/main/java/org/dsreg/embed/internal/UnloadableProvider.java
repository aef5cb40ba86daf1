package org.dsreg.embed.internal;

import java.util.Objects;
import java.util.Set;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.KeyStorageProvider;

/**
 * A backend listed under the deprecated service name that cannot be loaded (built against the SPI's old
 * package, missing, not a provider, failing as it is made), in the place it would have had: named by its
 * class, listed as unusable with the reason, and refused with that reason when asked for. So one stale jar
 * on the class path costs its own backend only, not every action that looks a backend up.
 */
final class UnloadableProvider implements KeyStorageProvider {
    private final String className;
    private final KeyStorageException why;

    UnloadableProvider(String className, KeyStorageException why) {
        this.className = Objects.requireNonNull(className, "className");
        this.why = Objects.requireNonNull(why, "why");
    }

    @Override
    public String name() {
        return className;
    }

    @Override
    public String description() {
        return "a key-storage backend that cannot be loaded";
    }

    @Override
    public Set<KeyStorageCapability> capabilities() {
        return Set.of();
    }

    @Override
    public Availability probe(KeyStorageContext context) {
        return new Availability.Unusable(why.getMessage());
    }

    @Override
    public KeyStorage open(KeyStorageContext context) {
        throw new KeyStorageException(why.getMessage(), why);
    }
}
