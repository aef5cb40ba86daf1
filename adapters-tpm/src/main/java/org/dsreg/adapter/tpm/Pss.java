package org.dsreg.adapter.tpm;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.dsreg.spi.keystorage.SignatureScheme;

/**
 * RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (RFC 8017 section 9.1): verification with the
 * JDK, and the EMSA-PSS encoding for TPMs whose own RSAPSS uses another salt length (older TPMs use the
 * largest possible salt); such a block is then signed with the TPM's raw RSA operation.
 */
final class Pss {
    static final int SALT = SignatureScheme.PSS_SALT_LENGTH;
    private static final int HASH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pss() {
    }

    /** Whether {@code signature} is a valid RSASSA-PSS (SHA-256, salt 32) signature of {@code data}. */
    static boolean verify(RSAPublicKey key, byte[] data, byte[] signature) {
        try {
            Signature v = SignatureScheme.RSA_PSS_SHA256.newSignature();
            v.initVerify(key);
            v.update(data);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** EMSA-PSS-ENCODE of a SHA-256 {@code digest} for a modulus of {@code modBits} bits. */
    static byte[] encode(byte[] digest, int modBits) {
        byte[] salt = new byte[SALT];
        RANDOM.nextBytes(salt);
        return encode(digest, modBits, salt);
    }

    static byte[] encode(byte[] digest, int modBits, byte[] salt) {
        int emBits = modBits - 1;
        int emLen = (emBits + 7) / 8;
        if (digest.length != HASH || emLen < HASH + salt.length + 2) {
            throw new IllegalArgumentException("cannot PSS-encode for " + modBits + " bits");
        }
        MessageDigest sha = sha256();
        sha.update(new byte[8]);
        sha.update(digest);
        sha.update(salt);
        byte[] h = sha.digest();
        byte[] db = new byte[emLen - HASH - 1];
        db[db.length - salt.length - 1] = 0x01;
        System.arraycopy(salt, 0, db, db.length - salt.length, salt.length);
        byte[] mask = mgf1(h, db.length);
        for (int i = 0; i < db.length; i++) {
            db[i] ^= mask[i];
        }
        db[0] &= (byte) (0xFF >>> (8 * emLen - emBits));
        byte[] em = new byte[emLen];
        System.arraycopy(db, 0, em, 0, db.length);
        System.arraycopy(h, 0, em, db.length, HASH);
        em[emLen - 1] = (byte) 0xBC;
        return em;
    }

    private static byte[] mgf1(byte[] seed, int length) {
        byte[] out = new byte[length];
        MessageDigest sha = sha256();
        int done = 0;
        for (int counter = 0; done < length; counter++) {
            sha.update(seed);
            sha.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
            byte[] block = sha.digest();
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** The integer {@code value} as exactly {@code length} big-endian bytes (left-padded with zeros). */
    static byte[] leftPad(byte[] value, int length) {
        byte[] v = new BigInteger(1, value).toByteArray();
        if (v.length > length) {
            if (v.length == length + 1 && v[0] == 0) {
                return Arrays.copyOfRange(v, 1, v.length);
            }
            throw new IllegalArgumentException("value longer than " + length + " bytes");
        }
        byte[] out = new byte[length];
        System.arraycopy(v, 0, out, length - v.length, v.length);
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
