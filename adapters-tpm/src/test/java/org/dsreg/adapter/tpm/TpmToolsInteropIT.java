package org.dsreg.adapter.tpm;

import static org.dsreg.adapter.tpm.TpmTestSupport.open;
import static org.dsreg.adapter.tpm.TpmTestSupport.verifyPkcs1;
import static org.dsreg.adapter.tpm.TpmTestSupport.verifyPss;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.dsreg.testkit.tpm.SwtpmExtension;
import org.dsreg.testkit.tpm.Tpm2Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SRK and key blobs against tpm2-tools on the same swtpm. swtpm has no resource manager and room for
 * three transient objects: our storage is closed (SRK flushed) whenever the tools run, and the tools flush
 * what they leave loaded.
 */
class TpmToolsInteropIT {
    @RegisterExtension
    static final SwtpmExtension tpm = new SwtpmExtension();

    @TempDir
    Path dir;

    private static final byte[] MSG = "a message signed by tpm2_sign".getBytes(StandardCharsets.UTF_8);

    @Test
    void ourSrkIsByteIdenticalToTpm2Createprimary() throws Exception {
        byte[] ours;
        try (KeyStorage storage = open(tpm.swtpm(), dir.resolve("keys"))) {
            ours = ((TpmKeyStorage) storage).context().srkPublic();
        }
        Tpm2Tools tools = tpm.tools(dir);
        tools.check("tpm2_createprimary", "-C", "o", "-c", "srk.ctx");
        String out = tools.check("tpm2_readpublic", "-c", "srk.ctx", "-o", "srk.pub");
        assertArrayEquals(Files.readAllBytes(dir.resolve("srk.pub")), ours, "TPM2B_PUBLIC of the SRK");
        Matcher name = Pattern.compile("(?m)^name: ([0-9a-f]+)$").matcher(out);
        assertTrue(name.find(), out);
        assertEquals(name.group(1), HexFormat.of().formatHex(Structures.name(Structures.RsaPublicArea.parse(ours))));
    }

    @Test
    void ourKeyLoadsAndSignsWithTheTools() throws Exception {
        PublicKey key;
        try (KeyStorage storage = open(tpm.swtpm(), dir.resolve("keys"))) {
            key = storage.generate("device-1");
        }
        Tpm2Tools tools = tpm.tools(dir);
        Files.write(dir.resolve("msg"), MSG);
        tools.check("tpm2_createprimary", "-C", "o", "-c", "srk.ctx");
        tools.check("tpm2_load", "-C", "srk.ctx", "-u", "keys/device-1.pub", "-r", "keys/device-1.priv", "-c", "key.ctx");
        tools.check("tpm2_sign", "-c", "key.ctx", "-g", "sha256", "-s", "rsassa", "-f", "plain", "-o", "sig.bin", "msg");
        tools.check("tpm2_sign", "-c", "key.ctx", "-g", "sha256", "-s", "rsapss", "-f", "plain", "-o", "pss.bin", "msg");
        tools.check("tpm2_readpublic", "-c", "key.ctx", "-f", "pem", "-o", "key.pem");

        assertTrue(verifyPkcs1(key, MSG, Files.readAllBytes(dir.resolve("sig.bin"))));
        assertTrue(verifyPss(key, MSG, Files.readAllBytes(dir.resolve("pss.bin"))));
        assertEquals(key, readPem(dir.resolve("key.pem")));
    }

    @Test
    void aKeyMadeByTheToolsWorksWithUs() throws Exception {
        Tpm2Tools tools = tpm.tools(dir);
        Files.createDirectories(dir.resolve("keys"));
        tools.check("tpm2_createprimary", "-C", "o", "-c", "srk.ctx");
        tools.check("tpm2_create", "-C", "srk.ctx", "-G", "rsa2048:null:null",
                "-a", "fixedtpm|fixedparent|sensitivedataorigin|userwithauth|sign|decrypt",
                "-u", "keys/tools-1.pub", "-r", "keys/tools-1.priv");
        tools.check("tpm2_load", "-C", "srk.ctx", "-u", "keys/tools-1.pub", "-r", "keys/tools-1.priv", "-c", "key.ctx");
        tools.check("tpm2_readpublic", "-c", "key.ctx", "-f", "pem", "-o", "key.pem");
        PublicKey key = readPem(dir.resolve("key.pem"));

        try (KeyStorage storage = open(tpm.swtpm(), dir.resolve("keys"))) {
            assertEquals(key, storage.publicKey("tools-1").orElseThrow());
            assertTrue(verifyPkcs1(key, MSG, storage.sign("tools-1", SignatureScheme.RSA_PKCS1_SHA256, MSG)));
            assertTrue(verifyPss(key, MSG, storage.sign("tools-1", SignatureScheme.RSA_PSS_SHA256, MSG)));
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            c.init(Cipher.ENCRYPT_MODE, key);
            assertArrayEquals(MSG, storage.decrypt("tools-1", c.doFinal(MSG)));
        }
    }

    @Test
    void survivesTheToolsFlushingOurSrk() throws Exception {
        try (KeyStorage storage = open(tpm.swtpm(), dir.resolve("keys"))) {
            PublicKey key = storage.generate("device-1");
            // swtpm has no resource manager: this unloads the SRK our context holds a handle to
            tpm.tools(dir).flushTransient();
            assertTrue(verifyPkcs1(key, MSG, storage.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, MSG)));
            tpm.tools(dir).flushTransient();
            PublicKey second = storage.generate("device-2");
            assertTrue(verifyPss(second, MSG, storage.sign("device-2", SignatureScheme.RSA_PSS_SHA256, MSG)));
        }
    }

    static PublicKey readPem(Path pem) throws Exception {
        String text = Files.readString(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
    }
}
