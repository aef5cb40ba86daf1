package org.dsreg.adapter.drs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The join's PKCS#10 certificate request (RFC 2986) in DER, written here rather than by an ASN.1
 * library: a subject of one CN, the public key, the DRS nonce as a requested extension, and an
 * RSASSA-PKCS1-v1_5 SHA-256 signature. Loading BouncyCastle for this one small structure cost a join
 * a third of a second (its signed jars are verified when first opened, and their classes cannot be
 * in a class-data archive); the bytes are those BouncyCastle's request builder wrote.
 */
final class Pkcs10 {
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int OCTET_STRING = 0x04;
    private static final int UTF8_STRING = 0x0c;
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String EXTENSION_REQUEST = "1.2.840.113549.1.9.14";
    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final byte[] NULL = {0x05, 0x00};

    private Pkcs10() {
    }

    /** The request for {@code CN=commonName}, signed by {@code signer} (the data in, the signature out). */
    static byte[] request(String commonName, PublicKey key, String extensionOid, Optional<String> extensionValue,
                          UnaryOperator<byte[]> signer) {
        byte[] subject = tlv(SEQUENCE, tlv(SET, tlv(SEQUENCE, oid(COMMON_NAME),
                tlv(UTF8_STRING, commonName.getBytes(StandardCharsets.UTF_8)))));
        byte[] attributes = extensionValue.map(v -> tlv(SEQUENCE, oid(EXTENSION_REQUEST), tlv(SET, tlv(SEQUENCE,
                tlv(SEQUENCE, oid(extensionOid), tlv(OCTET_STRING, tlv(OCTET_STRING,
                        v.getBytes(StandardCharsets.UTF_8)))))))).orElse(new byte[0]);
        byte[] info = tlv(SEQUENCE, new byte[] {0x02, 0x01, 0x00}, subject, key.getEncoded(), tlv(0xa0, attributes));
        byte[] signature = signer.apply(info);
        byte[] bits = new byte[signature.length + 1]; // no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);
        return tlv(SEQUENCE, info, tlv(SEQUENCE, oid(SHA256_WITH_RSA), NULL), tlv(0x03, bits));
    }

    /** One DER element: the tag, the definite length, the parts' bytes. */
    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** An OBJECT IDENTIFIER in dotted form as DER. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        base128(body, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            base128(body, Long.parseLong(arcs[i]));
        }
        return tlv(0x06, body.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            out.write((int) ((value >>> (7 * i)) & 0x7f) | (i > 0 ? 0x80 : 0));
        }
    }
}
