package org.dsreg.adapter.drs;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/**
 * A {@code BCRYPT_RSAKEY_BLOB} of an RSA public key, as DRS wants the transport key: magic
 * "RSA1", bit length, exponent and modulus lengths, prime lengths 0, then exponent and modulus
 * big-endian, and no primes.
 */
final class TransportKeyBlob {
    private static final byte[] MAGIC = {'R', 'S', 'A', '1'};

    private TransportKeyBlob() {
    }

    static byte[] of(PublicKey key) {
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("the transport key must be RSA, not " + key.getAlgorithm());
        }
        byte[] exponent = unsigned(rsa.getPublicExponent());
        byte[] modulus = unsigned(rsa.getModulus());
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC);
        header.putInt(rsa.getModulus().bitLength());
        header.putInt(exponent.length);
        header.putInt(modulus.length);
        header.putInt(0); // cbPrime1: DRS refuses primes
        header.putInt(0); // cbPrime2
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(exponent);
        out.writeBytes(modulus);
        return out.toByteArray();
    }

    /** Big-endian magnitude without the sign byte BigInteger adds. */
    static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }
}
