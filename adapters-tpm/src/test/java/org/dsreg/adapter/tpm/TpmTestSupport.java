package org.dsreg.adapter.tpm;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.dsreg.testkit.tpm.Swtpm;

/** Shared bits of the TPM integration tests. */
final class TpmTestSupport {
    private TpmTestSupport() {
    }

    static KeyStorageContext context(Swtpm tpm, Path dir) {
        return new KeyStorageContext(dir, Map.of(TpmKeyStorageProvider.TCTI_OPTION, tpm.tcti()));
    }

    static KeyStorage open(Swtpm tpm, Path dir) {
        return new TpmKeyStorageProvider().open(context(tpm, dir));
    }

    static boolean verifyPkcs1(PublicKey key, byte[] data, byte[] sig) throws GeneralSecurityException {
        Signature v = SignatureScheme.RSA_PKCS1_SHA256.newSignature();
        v.initVerify(key);
        v.update(data);
        return v.verify(sig);
    }

    static boolean verifyPss(PublicKey key, byte[] data, byte[] sig) throws GeneralSecurityException {
        Signature v = SignatureScheme.RSA_PSS_SHA256.newSignature();
        v.initVerify(key);
        v.update(data);
        return v.verify(sig);
    }
}
