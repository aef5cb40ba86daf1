package org.dsreg.adapter.tpm;

import static org.dsreg.adapter.tpm.TpmTestSupport.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.dsreg.testkit.tpm.SwtpmExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key blobs on a machine whose TPM did not make them: copied from another TPM, or left from before the TPM
 * was cleared. This class needs two TPMs, so it starts two swtpm processes (each its own ports and state).
 */
class TpmForeignBlobIT {
    @RegisterExtension
    static final SwtpmExtension first = new SwtpmExtension();
    @RegisterExtension
    static final SwtpmExtension second = new SwtpmExtension();

    @TempDir
    Path dir;

    private static final byte[] DATA = "data".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBlobFromAnotherTpmIsRefusedClearly(TestReporter reporter) throws Exception {
        PublicKey key;
        try (KeyStorage a = open(first.swtpm(), dir.resolve("a"))) {
            key = a.generate("device-1");
        }
        Files.createDirectories(dir.resolve("b"));
        for (String f : new String[] {"device-1.pub", "device-1.priv"}) {
            Files.copy(dir.resolve("a").resolve(f), dir.resolve("b").resolve(f));
        }
        try (KeyStorage b = open(second.swtpm(), dir.resolve("b"))) {
            assertEquals(key, b.publicKey("device-1").orElseThrow(), "the public key needs no TPM");
            KeyStorageException e = assertThrows(KeyStorageException.class,
                    () -> b.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, DATA));
            assertTrue(e.getMessage().startsWith("TPM key 'device-1' cannot be loaded: it was made by another TPM,"
                    + " or this TPM was cleared since it was made"), e.getMessage());
            assertTrue(e.getMessage().matches(".*0x[0-9a-f]{8}.*"), e.getMessage());
            reporter.publishEntry("foreign", e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
            e = assertThrows(KeyStorageException.class, () -> b.decrypt("device-1", new byte[256]));
            assertTrue(e.getMessage().contains("made by another TPM"), e.getMessage());
            // the storage still works for its own keys
            b.generate("device-2");
            b.sign("device-2", SignatureScheme.RSA_PSS_SHA256, DATA);
        }
    }

    @Test
    void aKeyFromBeforeTheTpmWasClearedIsRefusedClearly(TestReporter reporter) {
        try (KeyStorage s = open(second.swtpm(), dir.resolve("keys"))) {
            s.generate("device-1");
            s.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, DATA);
            // TPM2_Clear: a new owner seed, so a new SRK (and every loaded object is gone, our SRK with it)
            second.tools(dir).check("tpm2_clear", "-c", "p");
            KeyStorageException e = assertThrows(KeyStorageException.class,
                    () -> s.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, DATA));
            assertTrue(e.getMessage().contains("or this TPM was cleared since it was made"), e.getMessage());
            reporter.publishEntry("cleared", e.getMessage());
            // new keys work under the new SRK
            s.generate("device-2");
            s.sign("device-2", SignatureScheme.RSA_PKCS1_SHA256, DATA);
        }
    }
}
