package org.dsreg.adapter.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/** The Java EMSA-PSS encoding (the fallback for TPMs with another PSS salt length), checked with the JDK. */
class PssTest {
    @Test
    void encodedBlockSignedRawVerifiesAsPssWithSalt32() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        byte[] data = "the message".getBytes(StandardCharsets.UTF_8);
        byte[] em = Pss.encode(Structures.sha256(data), 2048);
        assertEquals(256, em.length);
        assertEquals((byte) 0xBC, em[255]);
        Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
        raw.init(Cipher.DECRYPT_MODE, kp.getPrivate()); // the private operation, as TPM2_RSA_Decrypt with scheme NULL
        byte[] sig = Pss.leftPad(raw.doFinal(em), 256);
        assertTrue(Pss.verify((RSAPublicKey) kp.getPublic(), data, sig));
        assertFalse(Pss.verify((RSAPublicKey) kp.getPublic(), "another".getBytes(StandardCharsets.UTF_8), sig));
    }

    @Test
    void leftPad() {
        assertArrayEquals(new byte[] {0, 0, 1, 2}, Pss.leftPad(new byte[] {1, 2}, 4));
        assertArrayEquals(new byte[] {(byte) 0xff, 2}, Pss.leftPad(new byte[] {0, (byte) 0xff, 2}, 2));
    }
}
