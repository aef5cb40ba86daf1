package org.example.dsreg.passphrase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dsreg.spi.keystorage.KeyStorageProvider;
import org.dsreg.testkit.keystorage.KeyStorageContract;

/** The example backend meets dsreg's key-storage contract: this subclass is all it takes. */
class PassphraseKeyStorageContractTest extends KeyStorageContract {
    @Override
    protected KeyStorageProvider provider() {
        return new PassphraseKeyStorageProvider();
    }

    @Override
    protected Map<String, String> options() {
        try {
            Path file = Files.createTempFile("passphrase", ".txt");
            Files.writeString(file, "correct horse battery staple");
            file.toFile().deleteOnExit();
            return Map.of("passphrase-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
