package org.dsreg.adapter.tpm;

import java.nio.file.Path;
import java.util.Map;
import org.dsreg.port.out.KeyStorageProvider;
import org.dsreg.testkit.keystorage.KeyStorageContract;
import org.dsreg.testkit.tpm.Swtpm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The shared KeyStorage contract, met by the TPM backend on swtpm. */
class TpmKeyStorageContractIT extends KeyStorageContract {
    @TempDir
    static Path classDir;
    static Swtpm tpm;

    @BeforeAll
    static void startTpm() {
        tpm = Swtpm.start(classDir.resolve("swtpm"));
    }

    @AfterAll
    static void stopTpm() {
        if (tpm != null) {
            tpm.close();
        }
    }

    @Override
    protected KeyStorageProvider provider() {
        return new TpmKeyStorageProvider();
    }

    @Override
    protected Map<String, String> options() {
        return Map.of(TpmKeyStorageProvider.TCTI_OPTION, tpm.tcti());
    }
}
