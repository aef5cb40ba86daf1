package org.dsreg.adapter.linux;

import java.util.Set;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageProvider;

/** The built-in {@code software} backend: PKCS#8 key files, found like any backend through ServiceLoader. */
public final class SoftwareKeyStorageProvider implements KeyStorageProvider {
    @Override
    public String name() {
        return SoftwareKeyStorage.NAME;
    }

    @Override
    public String description() {
        return "PKCS#8 key files, 0600 in a 0700 directory of the state directory";
    }

    @Override
    public Set<KeyStorageCapability> capabilities() {
        return Set.of(KeyStorageCapability.EXPORTABLE, KeyStorageCapability.SESSION_KEY_HMAC);
    }

    @Override
    public Availability probe(KeyStorageContext context) {
        return new Availability.Usable("keys in " + context.directory());
    }

    @Override
    public KeyStorage open(KeyStorageContext context) {
        return new SoftwareKeyStorage(context);
    }
}
