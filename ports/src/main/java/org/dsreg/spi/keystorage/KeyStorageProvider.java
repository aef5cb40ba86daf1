package org.dsreg.spi.keystorage;

import java.util.Set;

/**
 * The key-storage SPI: a backend registers an implementation in
 * {@code META-INF/services/org.dsreg.spi.keystorage.KeyStorageProvider} and is found through
 * {@link java.util.ServiceLoader}, then selected by {@link #name()} ({@code --key-storage NAME}).
 * The built-in backends, {@code software} and {@code tpm}, register the same way. The file name
 * of earlier versions, {@code META-INF/services/org.dsreg.port.out.KeyStorageProvider}, is still
 * read (deprecated): a jar that ships it, listing a class that implements this interface, loads.
 * Implementations need a public no-argument constructor and must be cheap to construct: the
 * work belongs in {@link #probe} and {@link #open}.
 */
public interface KeyStorageProvider {
    /** The backend's name: lower case, digits, '.', '_' or '-'; unique among the backends. */
    String name();

    /** A one-line description for listings. */
    String description();

    /** What the backend's keys can do beyond the contract every backend meets. */
    Set<KeyStorageCapability> capabilities();

    /** Whether the backend is usable here (its libraries, its device, its permissions), and why not. */
    Availability probe(KeyStorageContext context);

    /**
     * Opens the storage. The caller closes it.
     *
     * @throws KeyStorageException when it cannot be opened, with the reason and what to do about it
     */
    KeyStorage open(KeyStorageContext context);
}
