package org.dsreg.cli;

import java.nio.file.Files;
import java.util.List;
import org.dsreg.testkit.tpm.Swtpm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The Device Management section of --diagnose end to end with the keys in a TPM (swtpm): the states of
 * {@link ManagementCase} (compliant, non-compliant, disabled, deleted, an expired certificate), the PRT and the
 * device's TLS with the TPM's keys.
 */
class TpmManagementIT extends ManagementCase {
    Swtpm tpm;

    @BeforeEach
    void startTpm() throws Exception {
        tpm = Swtpm.start(Files.createDirectories(dir.resolve("swtpm")));
    }

    @AfterEach
    void stopTpm() {
        tpm.close();
    }

    @Override
    String storage() {
        return "tpm";
    }

    @Override
    List<String> storageOptions() {
        return List.of("--tpm-tcti", tpm.tcti());
    }
}
