package org.dsreg.testkit.drs;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

/**
 * The join's TransportKey, a BCRYPT_RSAKEY_BLOB, checked as MS-DRS 2.1.1.1.1 lays it out (the primes' lengths 0
 * and the primes absent: "Azure does not support" them) and as both public clients build it (libhimmelblau
 * {@code src/discovery.rs} BcryptRsaKeyBlob, ROADtools {@code roadlib/deviceauth.py} create_pubkey_blob_from_key).
 */
final class TransportKeyCheck {
    private static final BigInteger F4 = BigInteger.valueOf(65537);
    private static final byte[] RSA1 = {0x52, 0x53, 0x41, 0x31};

    private TransportKeyCheck() {
    }

    /** BCRYPT_RSAKEY_BLOB, public part only: 24-byte header, exponent, modulus, nothing else. */
    /**
     * Checks a transport key blob.
     *
     * @param blob the decoded TransportKey
     * @throws DrsError a 400 InvalidParameter naming the first problem found
     */
    static void check(byte[] blob) throws DrsError {
        if (blob.length < 24) {
            throw keyError("is " + blob.length + " bytes, shorter than the 24-byte BCRYPT_RSAKEY_BLOB header");
        }
        if (!Arrays.equals(blob, 0, 4, RSA1, 0, 4)) {
            throw keyError("must start with the magic \"RSA1\" (52 53 41 31), was "
                    + String.format("%02x %02x %02x %02x", blob[0], blob[1], blob[2], blob[3]));
        }
        ByteBuffer header = ByteBuffer.wrap(blob, 4, 20).order(ByteOrder.LITTLE_ENDIAN);
        long bitLength = Integer.toUnsignedLong(header.getInt());
        long cbExp = Integer.toUnsignedLong(header.getInt());
        long cbModulus = Integer.toUnsignedLong(header.getInt());
        long cbPrime1 = Integer.toUnsignedLong(header.getInt());
        long cbPrime2 = Integer.toUnsignedLong(header.getInt());
        if (bitLength != 2048) {
            throw keyError("BitLength must be 2048, was " + bitLength);
        }
        if (cbModulus != 256) {
            throw keyError("cbModulus must be 256, was " + cbModulus);
        }
        if (cbPrime1 != 0 || cbPrime2 != 0) {
            throw keyError("cbPrime1 and cbPrime2 must be 0 (public key only), were " + cbPrime1 + " and " + cbPrime2);
        }
        if (cbExp == 0 || cbExp > 8) {
            throw keyError("cbPublicExp must be 1 to 8, was " + cbExp);
        }
        long expected = 24 + cbExp + cbModulus;
        if (blob.length != expected) {
            throw keyError("is " + blob.length + " bytes, but its header announces " + expected
                    + " (24 + cbPublicExp " + cbExp + " + cbModulus " + cbModulus + ")");
        }
        if (blob[24] == 0) {
            throw keyError("exponent has a leading zero byte (it must be big-endian, minimal)");
        }
        BigInteger exponent = new BigInteger(1, Arrays.copyOfRange(blob, 24, 24 + (int) cbExp));
        if (!F4.equals(exponent)) {
            throw keyError("exponent must be 65537 (01 00 01, big-endian), was " + exponent);
        }
        BigInteger modulus = new BigInteger(1, Arrays.copyOfRange(blob, 24 + (int) cbExp, blob.length));
        if (modulus.bitLength() != 2048) {
            throw keyError("modulus is " + modulus.bitLength() + "-bit (big-endian), BitLength says 2048");
        }
        if (!modulus.testBit(0)) {
            throw keyError("modulus is even: not an RSA modulus (byte order?)");
        }
    }

    /** The RSA public key of a blob {@link #check} accepted (the join checked every device's). */
    static RSAPublicKey publicKey(byte[] blob) {
        int cbExp = ByteBuffer.wrap(blob, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        BigInteger exponent = new BigInteger(1, Arrays.copyOfRange(blob, 24, 24 + cbExp));
        BigInteger modulus = new BigInteger(1, Arrays.copyOfRange(blob, 24 + cbExp, blob.length));
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a checked transport key is not an RSA key", e);
        }
    }

    private static DrsError keyError(String message) {
        return DrsError.badRequest(DrsError.INVALID_PARAMETER, "TransportKey " + message);
    }
}
