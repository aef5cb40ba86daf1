package org.dsreg.adapter.tpm;

import static org.dsreg.adapter.tpm.TpmTestSupport.open;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.testkit.tpm.SwtpmExtension;
import org.dsreg.testkit.tpm.Tpm2Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PRT session keys in the TPM (swtpm): the HMAC checked by an independent implementation (tpm2-tools'
 * {@code tpm2_hmac} on our blobs), the object's attributes as the tools read them, and the refusals.
 */
class TpmSessionKeyIT {
    @RegisterExtension
    static final SwtpmExtension tpm = new SwtpmExtension();

    @TempDir
    Path dir;

    private static final byte[] KDF_INPUT = new byte[67];

    private static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static byte[] jdkHmac(byte[] key, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    @Test
    void tpm2HmacOnOurBlobsGivesOurHmacAndTheObjectIsAFixedHmacKey() throws Exception {
        byte[] key = newKey();
        byte[] ours;
        try (KeyStorage storage = open(tpm.swtpm(), dir.resolve("keys"))) {
            storage.importSessionKey("prt-1", key.clone());
            ours = storage.sessionKeyHmac("prt-1", KDF_INPUT);
        }
        Files.write(dir.resolve("msg"), KDF_INPUT);
        Tpm2Tools tools = tpm.tools(dir);
        tools.check("tpm2_createprimary", "-C", "o", "-c", "srk.ctx");
        tools.check("tpm2_load", "-C", "srk.ctx", "-u", "keys/prt-1.session-pub", "-r", "keys/prt-1.session-priv",
                "-c", "key.ctx");
        tools.check("tpm2_hmac", "-c", "key.ctx", "-g", "sha256", "-o", "hmac.bin", "msg");
        String pub = tools.check("tpm2_readpublic", "-c", "key.ctx");

        assertArrayEquals(jdkHmac(key, KDF_INPUT), Files.readAllBytes(dir.resolve("hmac.bin")), "tpm2_hmac and the JDK");
        assertArrayEquals(ours, Files.readAllBytes(dir.resolve("hmac.bin")), "tpm2_hmac and us");
        assertTrue(pub.contains("keyedhash"), pub);
        assertTrue(pub.contains("fixedtpm|fixedparent|userwithauth|noda|sign"), pub);
        assertFalse(pub.contains("sensitivedataorigin"), pub);
    }

    @Test
    void survivesTheToolsFlushingOurSrk() throws Exception {
        byte[] key = newKey();
        try (KeyStorage storage = open(tpm.swtpm(), dir.resolve("keys"))) {
            storage.importSessionKey("prt-1", key.clone());
            tpm.tools(dir).flushTransient();
            assertArrayEquals(jdkHmac(key, KDF_INPUT), storage.sessionKeyHmac("prt-1", KDF_INPUT));
            tpm.tools(dir).flushTransient();
            storage.importSessionKey("prt-2", key.clone());
            assertEquals(List.of("prt-1", "prt-2"), storage.sessionKeyAliases());
        }
    }

    @Test
    void aMessageTpm2HmacCannotTakeIsRefused() {
        try (KeyStorage storage = open(tpm.swtpm(), dir.resolve("keys"))) {
            storage.importSessionKey("prt-1", newKey());
            assertEquals("cannot compute an HMAC of 1025 bytes with TPM session key 'prt-1': TPM2_HMAC takes at most 1024",
                    assertThrows(KeyStorageException.class, () -> storage.sessionKeyHmac("prt-1", new byte[1025]))
                            .getMessage());
        }
    }

    @Test
    void anRsaKeysBlobInPlaceOfASessionKeyIsDamage() throws Exception {
        Path keys = dir.resolve("keys");
        try (KeyStorage storage = open(tpm.swtpm(), keys)) {
            storage.generate("device-1");
            storage.importSessionKey("prt-1", newKey());
            Files.copy(keys.resolve("device-1.pub"), keys.resolve("prt-1.session-pub"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertEquals("TPM session key 'prt-1' is damaged: its files in " + keys + " are not a TPM HMAC key"
                            + " (object type 0x0001 is not a keyed hash); delete it and acquire a new PRT",
                    assertThrows(KeyStorageException.class, () -> storage.sessionKeyHmac("prt-1", KDF_INPUT)).getMessage());
        }
    }

    @Test
    void anotherSessionKeysPrivateBlobDoesNotLoad() throws Exception {
        Path keys = dir.resolve("keys");
        try (KeyStorage storage = open(tpm.swtpm(), keys)) {
            storage.importSessionKey("prt-1", newKey());
            storage.importSessionKey("prt-2", newKey());
            Files.copy(keys.resolve("prt-2.session-priv"), keys.resolve("prt-1.session-priv"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            KeyStorageException e = assertThrows(KeyStorageException.class,
                    () -> storage.sessionKeyHmac("prt-1", KDF_INPUT));
            assertTrue(e.getMessage().startsWith("TPM key 'prt-1' cannot be loaded"), e.getMessage());
        }
    }

    @Test
    void aClosedStorageRefusesSessionKeys() {
        KeyStorage storage = open(tpm.swtpm(), dir.resolve("keys"));
        storage.close();
        assertEquals("the TPM key storage is closed",
                assertThrows(KeyStorageException.class, () -> storage.importSessionKey("prt-1", newKey())).getMessage());
        assertEquals("the TPM key storage is closed",
                assertThrows(KeyStorageException.class, () -> storage.sessionKeyHmac("prt-1", KDF_INPUT)).getMessage());
        assertThrows(KeyStorageException.class, storage::sessionKeyAliases);
    }
}
