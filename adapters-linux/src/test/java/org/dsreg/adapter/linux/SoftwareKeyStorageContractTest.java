package org.dsreg.adapter.linux;

import org.dsreg.spi.keystorage.KeyStorageProvider;
import org.dsreg.testkit.keystorage.KeyStorageContract;

/** The built-in software backend meets the key-storage contract. */
class SoftwareKeyStorageContractTest extends KeyStorageContract {
    @Override
    protected KeyStorageProvider provider() {
        return new SoftwareKeyStorageProvider();
    }
}
