package org.dsreg.cli;

import java.nio.file.Files;
import java.util.List;
import org.dsreg.testkit.tpm.Swtpm;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link ManagementIT} with the keys in a TPM (swtpm): compliant, non-compliant, disabled, deleted, an expired
 * certificate and the rest, the device's PRT and TLS through the TPM's keys.
 */
class TpmManagementIT extends ManagementIT {
    Swtpm tpm;

    @Override
    void beforeJoin() throws Exception {
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
