package org.dsreg.adapter.tpm;

import java.util.Map;
import org.dsreg.spi.keystorage.KeyStorageProvider;
import org.dsreg.testkit.keystorage.KeyStorageContract;
import org.dsreg.testkit.tpm.SwtpmExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared KeyStorage contract, met by the TPM backend on swtpm. */
class TpmKeyStorageContractIT extends KeyStorageContract {
    @RegisterExtension
    static final SwtpmExtension tpm = new SwtpmExtension();

    @Override
    protected KeyStorageProvider provider() {
        return new TpmKeyStorageProvider();
    }

    @Override
    protected Map<String, String> options() {
        return Map.of(TpmKeyStorageProvider.TCTI_OPTION, tpm.tcti());
    }
}
