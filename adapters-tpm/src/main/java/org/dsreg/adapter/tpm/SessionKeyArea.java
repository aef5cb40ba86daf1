package org.dsreg.adapter.tpm;

/**
 * The TPM structures of a PRT session key held in the TPM: a keyed-hash object (TPM2_ALG_KEYEDHASH) whose
 * sensitive data is the 32-byte session key, scheme HMAC with SHA-256, created under the SRK with
 * {@code TPM2_Create}, and the input of {@code TPM2_HMAC}. As wire-format bytes, like {@link Structures}.
 */
final class SessionKeyArea {
    private SessionKeyArea() {
    }

    /**
     * fixedTPM, fixedParent, userWithAuth (an empty password, like the RSA keys), sign (an HMAC key), noDA (no
     * authorization failure with this key counts towards the TPM's lockout: the key has no password to guess).
     * No sensitiveDataOrigin: the key is given, not made by the TPM (with data given,
     * TPM2_Create refuses that attribute, TPM 2.0 Part 3).
     */
    static final int ATTRIBUTES = Tpm2.FIXED_TPM | Tpm2.FIXED_PARENT | Tpm2.USER_WITH_AUTH | Tpm2.SIGN_ENCRYPT
            | Tpm2.NO_DA;

    /** TPM2B_PUBLIC of a session key: keyed hash, nameAlg SHA-256, scheme HMAC SHA-256, empty authPolicy and unique. */
    static byte[] template() {
        Wire.Writer area = Wire.writer()
                .u16(Tpm2.ALG_KEYEDHASH).u16(Tpm2.ALG_SHA256).u32(ATTRIBUTES & 0xFFFF_FFFFL)
                .tpm2b(new byte[0])                                  // authPolicy
                .u16(Tpm2.ALG_HMAC).u16(Tpm2.ALG_SHA256)             // TPMT_KEYEDHASH_SCHEME
                .tpm2b(new byte[0]);                                 // unique (the TPM computes it)
        return Wire.writer().tpm2b(area.toBytes()).toBytes();
    }

    /** TPM2B_SENSITIVE_CREATE with an empty userAuth and the key as data; the caller wipes the bytes. */
    static byte[] sensitiveCreate(byte[] key) {
        byte[] inner = Wire.writer().tpm2b(new byte[0]).tpm2b(key).toBytes();
        try {
            return Wire.writer().tpm2b(inner).toBytes();
        } finally {
            java.util.Arrays.fill(inner, (byte) 0);
        }
    }

    /** TPM2B_MAX_BUFFER holding the message. */
    static byte[] maxBuffer(byte[] message) {
        if (message.length > Tpm2.MAX_DIGEST_BUFFER) {
            throw new IllegalArgumentException("a TPM2_HMAC input holds at most " + Tpm2.MAX_DIGEST_BUFFER + " bytes");
        }
        return Wire.writer().tpm2b(message).toBytes();
    }

    /**
     * Checks a session key's TPM2B_PUBLIC (its {@code .session-pub} file): a keyed-hash object with the scheme HMAC
     * SHA-256 that signs, is bound to this TPM and its parent, and whose sensitive data was given, not made.
     *
     * @throws Wire.FormatException when the bytes are not one
     */
    static void check(byte[] tpm2bPublic) {
        Wire.Reader r = Wire.reader(Structures.parseTpm2b(tpm2bPublic, "TPM2B_PUBLIC"));
        int type = r.u16("type");
        if (type != Tpm2.ALG_KEYEDHASH) {
            throw new Wire.FormatException(String.format("object type 0x%04x is not a keyed hash", type));
        }
        r.u16("nameAlg");
        int attributes = (int) r.u32("objectAttributes");
        int needed = Tpm2.FIXED_TPM | Tpm2.FIXED_PARENT | Tpm2.SIGN_ENCRYPT;
        if ((attributes & needed) != needed || (attributes & (Tpm2.DECRYPT | Tpm2.RESTRICTED)) != 0) {
            throw new Wire.FormatException(String.format("object attributes 0x%08x are not an HMAC key's", attributes));
        }
        r.tpm2b("authPolicy");
        int scheme = r.u16("scheme");
        int hash = scheme == Tpm2.ALG_HMAC ? r.u16("scheme hash") : 0;
        if (scheme != Tpm2.ALG_HMAC || hash != Tpm2.ALG_SHA256) {
            throw new Wire.FormatException(String.format("scheme 0x%04x (hash 0x%04x) is not HMAC-SHA256", scheme, hash));
        }
        r.tpm2b("unique");
        r.end("TPMT_PUBLIC");
    }
}
