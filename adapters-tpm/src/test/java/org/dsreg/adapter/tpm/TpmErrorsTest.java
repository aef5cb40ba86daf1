package org.dsreg.adapter.tpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Messages and TCTI parsing, without a TPM. */
class TpmErrorsTest {
    @Test
    void tctiModules() {
        assertEquals("device", TpmErrors.tctiModule("device:/dev/tpmrm0"));
        assertEquals("swtpm", TpmErrors.tctiModule("swtpm:host=127.0.0.1,port=2321"));
        assertEquals("tabrmd", TpmErrors.tctiModule("tabrmd"));
        assertEquals("mssim", TpmErrors.tctiModule("libtss2-tcti-mssim.so.0:port=1"));
        assertEquals(Optional.of(Path.of("/dev/tpm0")), TpmErrors.devicePath("device:/dev/tpm0"));
        assertEquals(Optional.of(Path.of("/dev/tpmrm0")), TpmErrors.devicePath("device"));
        assertEquals(Optional.empty(), TpmErrors.devicePath("swtpm:port=1"));
    }

    @Test
    void missingDevice() {
        String reason = TpmErrors.deviceProblem("device:/dev/no-such-tpm").orElseThrow();
        assertTrue(reason.startsWith("no TPM: /dev/no-such-tpm does not exist"), reason);
    }

    @Test
    void permissionHintNamesGroupTss() {
        String reason = TpmErrors.permissionDenied(Path.of("/dev/tpmrm0"));
        assertTrue(reason.startsWith("permission denied on /dev/tpmrm0: add the user to group tss"), reason);
    }

    @Test
    void missingLibrariesNameThePackages() {
        TssException e = assertThrows(TssException.class,
                () -> Tss2.load("libtss2-esys-nonexistent.so.0", Tss2.TCTILDR, Tss2.MU));
        String reason = TpmErrors.unavailable("device:/dev/tpmrm0", e);
        assertTrue(reason.startsWith("the TPM 2.0 libraries are not installed (libtss2-esys-nonexistent.so.0 not found)"), reason);
        for (String pkg : new String[] {"libtss2-esys-3.0.2-0", "libtss2-tctildr0", "libtss2-mu0", "libtss2-tcti-device0",
                "libtss2-tcti-swtpm0"}) {
            assertTrue(reason.contains(pkg), reason);
        }
    }

    @Test
    void loadErrorsSayWhatHappened() {
        String foreign = TpmErrors.forKey("device-1", "sign with", new TssException(0x1df, "Esys_Load")).getMessage();
        assertTrue(foreign.contains("made by another TPM, or this TPM was cleared"), foreign);
        assertTrue(foreign.contains("0x000001df"), foreign);
        String owner = TpmErrors.forKey("k", "create", new TssException(0x9a2, "Esys_CreatePrimary")).getMessage();
        assertTrue(owner.contains("owner hierarchy has a password"), owner);
        String transport = TpmErrors.forKey("k", "sign with", new TssException(0xa000a, "Esys_Sign")).getMessage();
        assertTrue(transport.contains("the TPM did not answer") && transport.contains("0x000a000a"), transport);
    }
}
