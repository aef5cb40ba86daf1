package org.dsreg.adapter.tpm;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The TPM structures this backend sends and receives, as wire-format bytes. The bytes are handed to
 * {@code Tss2_MU_*_Unmarshal} to become ESYS inputs, and ESYS outputs are {@code Tss2_MU_*_Marshal}-ed back
 * into bytes parsed here: no C struct layout is ever mapped in Java.
 */
final class Structures {
    private Structures() {
    }

    /** Attributes of the storage root key: those {@code tpm2_createprimary} uses by default. */
    static final int SRK_ATTRIBUTES = Tpm2.RESTRICTED | Tpm2.DECRYPT | Tpm2.FIXED_TPM | Tpm2.FIXED_PARENT
            | Tpm2.SENSITIVE_DATA_ORIGIN | Tpm2.USER_WITH_AUTH;

    /** Attributes of a device or transport key: non-restricted, so it both signs and decrypts. */
    static final int KEY_ATTRIBUTES = Tpm2.FIXED_TPM | Tpm2.FIXED_PARENT | Tpm2.SENSITIVE_DATA_ORIGIN
            | Tpm2.USER_WITH_AUTH | Tpm2.SIGN_ENCRYPT | Tpm2.DECRYPT;

    /**
     * TPM2B_PUBLIC of the SRK, byte for byte the template of {@code tpm2_createprimary -C o} (tpm2-tools 5):
     * RSA-2048, nameAlg SHA-256, AES-128-CFB, scheme NULL, exponent 0 (the default, 65537), empty authPolicy
     * and an empty {@code unique}. The primary key is derived from these bytes, so any difference is a
     * different SRK, under which keys made by the tools would not load (nor ours with the tools).
     */
    static byte[] srkTemplate() {
        Wire.Writer area = Wire.writer()
                .u16(Tpm2.ALG_RSA).u16(Tpm2.ALG_SHA256).u32(SRK_ATTRIBUTES & 0xFFFF_FFFFL)
                .tpm2b(new byte[0])                                      // authPolicy
                .u16(Tpm2.ALG_AES).u16(128).u16(Tpm2.ALG_CFB)             // symmetric
                .u16(Tpm2.ALG_NULL)                                      // scheme
                .u16(Tpm2.RSA_BITS).u32(0)                               // keyBits, exponent
                .tpm2b(new byte[0]);                                     // unique
        return Wire.writer().tpm2b(area.toBytes()).toBytes();
    }

    /**
     * TPM2B_PUBLIC of a device or transport key: RSA-2048, nameAlg SHA-256, no symmetric algorithm, scheme
     * NULL (the scheme is chosen per use: RSASSA or RSAPSS to sign, OAEP to decrypt), exponent 0 (65537),
     * sign and decrypt both set (allowed for a non-restricted key).
     */
    static byte[] keyTemplate() {
        Wire.Writer area = Wire.writer()
                .u16(Tpm2.ALG_RSA).u16(Tpm2.ALG_SHA256).u32(KEY_ATTRIBUTES & 0xFFFF_FFFFL)
                .tpm2b(new byte[0])
                .u16(Tpm2.ALG_NULL)
                .u16(Tpm2.ALG_NULL)
                .u16(Tpm2.RSA_BITS).u32(0)
                .tpm2b(new byte[0]);
        return Wire.writer().tpm2b(area.toBytes()).toBytes();
    }

    /** TPM2B_SENSITIVE_CREATE with an empty userAuth and no data: keys without a password, like the tools'. */
    static byte[] emptySensitiveCreate() {
        byte[] inner = Wire.writer().tpm2b(new byte[0]).tpm2b(new byte[0]).toBytes();
        return Wire.writer().tpm2b(inner).toBytes();
    }

    /** An empty TPM2B (TPM2B_DATA for outsideInfo or an OAEP label). */
    static byte[] emptyTpm2b() {
        return Wire.writer().u16(0).toBytes();
    }

    /** TPML_PCR_SELECTION with no banks. */
    static byte[] noPcrs() {
        return Wire.writer().u32(0).toBytes();
    }

    static byte[] digest(byte[] digest) {
        return Wire.writer().tpm2b(digest).toBytes();
    }

    /** TPMT_SIG_SCHEME {scheme, SHA-256}. */
    static byte[] signatureScheme(int scheme) {
        return Wire.writer().u16(scheme).u16(Tpm2.ALG_SHA256).toBytes();
    }

    /** The NULL TPMT_TK_HASHCHECK: {TPM_ST_HASHCHECK, TPM_RH_NULL, empty digest}. */
    static byte[] nullHashcheckTicket() {
        return Wire.writer().u16(Tpm2.ST_HASHCHECK).u32(Tpm2.RH_NULL).tpm2b(new byte[0]).toBytes();
    }

    /** TPM2B_PUBLIC_KEY_RSA. */
    static byte[] rsaBuffer(byte[] value) {
        return Wire.writer().tpm2b(value).toBytes();
    }

    /** TPMT_RSA_DECRYPT {OAEP, SHA-1}. */
    static byte[] oaepSha1() {
        return Wire.writer().u16(Tpm2.ALG_OAEP).u16(Tpm2.ALG_SHA1).toBytes();
    }

    /** TPMT_RSA_DECRYPT {NULL}: the raw RSA private operation. */
    static byte[] rawRsa() {
        return Wire.writer().u16(Tpm2.ALG_NULL).toBytes();
    }

    /** The signature of a TPMT_SIGNATURE made with RSASSA or RSAPSS. */
    static byte[] parseRsaSignature(byte[] tpmtSignature, int expectedScheme) {
        Wire.Reader r = Wire.reader(tpmtSignature);
        int alg = r.u16("sigAlg");
        if (alg != expectedScheme) {
            throw new Wire.FormatException(String.format("signature algorithm 0x%04x, expected 0x%04x", alg, expectedScheme));
        }
        int hash = r.u16("hash");
        if (hash != Tpm2.ALG_SHA256) {
            throw new Wire.FormatException(String.format("signature hash 0x%04x, expected SHA-256", hash));
        }
        byte[] sig = r.tpm2b("signature");
        r.end("TPMT_SIGNATURE");
        return sig;
    }

    /** The value of a TPM2B (TPM2B_PUBLIC_KEY_RSA, TPM2B_DIGEST, ...), which must fill the bytes. */
    static byte[] parseTpm2b(byte[] bytes, String what) {
        Wire.Reader r = Wire.reader(bytes);
        byte[] v = r.tpm2b(what);
        r.end(what);
        return v;
    }

    /** The TPM properties in a marshalled TPMS_CAPABILITY_DATA of TPM_CAP_TPM_PROPERTIES. */
    static Map<Integer, Long> parseTpmProperties(byte[] capabilityData) {
        Wire.Reader r = Wire.reader(capabilityData);
        long cap = r.u32("capability");
        if (cap != Tpm2.CAP_TPM_PROPERTIES) {
            throw new Wire.FormatException("capability " + cap + ", expected TPM properties");
        }
        long count = r.u32("count");
        if (count > r.remaining() / 8) {
            throw new Wire.FormatException("property count " + count + " exceeds the data");
        }
        Map<Integer, Long> props = new HashMap<>();
        for (long i = 0; i < count; i++) {
            props.put((int) r.u32("property"), r.u32("value"));
        }
        r.end("TPMS_CAPABILITY_DATA");
        return props;
    }

    /** TPM2_PT_MANUFACTURER as text: four ASCII characters, trailing NULs and spaces dropped. */
    static String manufacturer(long value) {
        StringBuilder s = new StringBuilder();
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (int) (value >>> shift) & 0xFF;
            s.append(c >= 0x20 && c < 0x7F ? (char) c : ' ');
        }
        String m = s.toString().strip();
        return m.isEmpty() ? String.format("0x%08x", value) : m;
    }

    /** TPM2_PT_FIRMWARE_VERSION_1/2 as four 16-bit numbers, most significant first. */
    static String firmware(long v1, long v2) {
        return (v1 >>> 16) + "." + (v1 & 0xFFFF) + "." + (v2 >>> 16) + "." + (v2 & 0xFFFF);
    }

    /** The name of an object: nameAlg (SHA-256) followed by the SHA-256 of its TPMT_PUBLIC. */
    static byte[] name(RsaPublicArea area) {
        byte[] hash = sha256(area.publicArea());
        byte[] name = new byte[2 + hash.length];
        name[0] = (byte) (area.nameAlg() >>> 8);
        name[1] = (byte) area.nameAlg();
        System.arraycopy(hash, 0, name, 2, hash.length);
        return name;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * A parsed TPM2B_PUBLIC of an RSA key. {@code publicArea} is the TPMT_PUBLIC (without the size prefix),
     * what the object's name is computed over.
     */
    record RsaPublicArea(int nameAlg, int attributes, int symmetricAlg, int scheme, int keyBits, long exponent,
            byte[] modulus, byte[] publicArea) {

        /**
         * Parses a TPM2B_PUBLIC (the {@code .pub} file of tpm2-tools) holding an RSA key.
         *
         * @throws Wire.FormatException when the bytes are not one
         */
        static RsaPublicArea parse(byte[] tpm2bPublic) {
            byte[] area = parseTpm2b(tpm2bPublic, "TPM2B_PUBLIC");
            Wire.Reader r = Wire.reader(area);
            int type = r.u16("type");
            if (type != Tpm2.ALG_RSA) {
                throw new Wire.FormatException(String.format("key type 0x%04x is not RSA", type));
            }
            int nameAlg = r.u16("nameAlg");
            int attributes = (int) r.u32("objectAttributes");
            byte[] policy = r.tpm2b("authPolicy");
            if (policy.length > 64) {
                throw new Wire.FormatException("authPolicy of " + policy.length + " bytes");
            }
            int sym = r.u16("symmetric");
            if (sym != Tpm2.ALG_NULL) {
                r.u16("symmetric keyBits");
                r.u16("symmetric mode");
            }
            int scheme = r.u16("scheme");
            if (scheme != Tpm2.ALG_NULL) {
                r.u16("scheme hash");
            }
            int keyBits = r.u16("keyBits");
            long exponent = r.u32("exponent");
            byte[] modulus = r.tpm2b("unique");
            r.end("TPMT_PUBLIC");
            if (keyBits < 1024 || keyBits > 16384 || keyBits % 8 != 0) {
                throw new Wire.FormatException("RSA key of " + keyBits + " bits");
            }
            if (modulus.length != keyBits / 8 || modulus.length == 0 || (modulus[0] & 0x80) == 0) {
                throw new Wire.FormatException("modulus of " + modulus.length + " bytes for a " + keyBits + "-bit key");
            }
            return new RsaPublicArea(nameAlg, attributes, sym, scheme, keyBits, exponent, modulus, area);
        }

        long effectiveExponent() {
            return exponent == 0 ? Tpm2.DEFAULT_EXPONENT : exponent;
        }

        RSAPublicKey toPublicKey() {
            try {
                return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, modulus), BigInteger.valueOf(effectiveExponent())));
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                throw new Wire.FormatException("not a usable RSA public key: " + e.getMessage());
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RsaPublicArea other && Arrays.equals(publicArea, other.publicArea);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(publicArea);
        }

        @Override
        public String toString() {
            return "RsaPublicArea[" + keyBits + " bits, attributes " + String.format("0x%08x", attributes) + "]";
        }
    }

    /**
     * Checks a TPM2B_PRIVATE (the {@code .priv} file of tpm2-tools): a size that fills the bytes, holding an
     * integrity HMAC (a TPM2B) and the encrypted sensitive area.
     *
     * @throws Wire.FormatException when the bytes are not one
     */
    static void checkPrivate(byte[] tpm2bPrivate) {
        Wire.Reader outer = Wire.reader(tpm2bPrivate);
        byte[] inner = outer.tpm2b("TPM2B_PRIVATE");
        outer.end("TPM2B_PRIVATE");
        Wire.Reader r = Wire.reader(inner);
        byte[] hmac = r.tpm2b("integrity HMAC");
        if (hmac.length == 0 || hmac.length > 64) {
            throw new Wire.FormatException("integrity HMAC of " + hmac.length + " bytes");
        }
        if (r.remaining() == 0) {
            throw new Wire.FormatException("no encrypted sensitive area");
        }
    }
}
