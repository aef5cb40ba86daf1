package org.example.dsreg.passphrase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.KeyStorageProvider;

/**
 * An example backend: keys as PKCS#8 files encrypted with a passphrase (PBES2, HMAC-SHA-256,
 * AES-256). The passphrase comes from the option {@code passphrase-file} (a file readable by the
 * owner only). A platform team's backend has the same shape: this class, the key storage, a
 * {@code META-INF/services} entry, and a subclass of testkit's contract test.
 */
public final class PassphraseKeyStorageProvider implements KeyStorageProvider {
    public static final String NAME = "passphrase";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "example: PKCS#8 key files encrypted with a passphrase (option passphrase-file)";
    }

    @Override
    public Set<KeyStorageCapability> capabilities() {
        return Set.of(KeyStorageCapability.EXPORTABLE);
    }

    @Override
    public Availability probe(KeyStorageContext context) {
        Optional<String> file = context.option("passphrase-file");
        if (file.isEmpty()) {
            return new Availability.Unusable("no passphrase-file option");
        }
        if (!Files.isReadable(Path.of(file.get()))) {
            return new Availability.Unusable("cannot read the passphrase file " + file.get());
        }
        return new Availability.Usable("keys in " + context.directory());
    }

    @Override
    public KeyStorage open(KeyStorageContext context) {
        if (probe(context) instanceof Availability.Unusable u) {
            throw new KeyStorageException("the passphrase key storage cannot be used: " + u.reason());
        }
        return new PassphraseKeyStorage(context.directory(), Path.of(context.option("passphrase-file").orElseThrow()));
    }
}
