package org.dsreg.adapter.drs;

import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.BAD_LENGTH;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.DOES_NOT_DECRYPT;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** The two AES-256 forms of a session-key reply, decrypting. A failure says which check failed, never the bytes. */
final class ReplyCiphers {
    static final int GCM_TAG = 16;
    private static final int AES_BLOCK = 16;

    private ReplyCiphers() {
    }

    /** AES-256-GCM, 128-bit tag, {@code aad} authenticated with the ciphertext. */
    static byte[] gcm(byte[] key, byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad) {
        if (tag.length != GCM_TAG) {
            throw new SessionKeyCryptoException(BAD_LENGTH, "the encrypted reply's authentication tag is "
                    + tag.length + " bytes, not the " + GCM_TAG + " of AES-GCM");
        }
        byte[] sealed = new byte[ciphertext.length + tag.length];
        System.arraycopy(ciphertext, 0, sealed, 0, ciphertext.length);
        System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
        try {
            Cipher c = cipher("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(8 * GCM_TAG, iv));
            c.updateAAD(aad);
            return c.doFinal(sealed);
        } catch (BadPaddingException e) {
            throw new SessionKeyCryptoException(DOES_NOT_DECRYPT, "the encrypted reply's AES-GCM tag does not verify"
                    + " with the key derived from the session key", e);
        } catch (GeneralSecurityException e) {
            throw new SessionKeyCryptoException(DOES_NOT_DECRYPT, "the encrypted reply does not decrypt (AES-GCM)", e);
        }
    }

    /** AES-256-CBC with PKCS#7 padding; the form has no tag, and one sent is refused (it could not be checked). */
    static byte[] cbc(byte[] key, byte[] iv, byte[] ciphertext, byte[] tag) {
        if (tag.length != 0) {
            throw new SessionKeyCryptoException(BAD_LENGTH, "the encrypted reply (AES-CBC) carries a "
                    + tag.length + "-byte authentication tag; this form has none");
        }
        if (ciphertext.length == 0 || ciphertext.length % AES_BLOCK != 0) {
            throw new SessionKeyCryptoException(BAD_LENGTH, "the encrypted reply's ciphertext is "
                    + ciphertext.length + " bytes, not a whole number of AES blocks");
        }
        try {
            Cipher c = cipher("AES/CBC/PKCS5Padding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c.doFinal(ciphertext);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new SessionKeyCryptoException(DOES_NOT_DECRYPT, "the encrypted reply's AES-CBC padding is wrong:"
                    + " another key, or altered bytes", e);
        } catch (GeneralSecurityException e) {
            throw new SessionKeyCryptoException(DOES_NOT_DECRYPT, "the encrypted reply does not decrypt (AES-CBC)", e);
        }
    }

    private static Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException(transformation + " is not available", e);
        }
    }
}
