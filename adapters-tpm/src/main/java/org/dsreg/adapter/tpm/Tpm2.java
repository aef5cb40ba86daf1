package org.dsreg.adapter.tpm;

/** TPM 2.0 and ESYS constants (TCG TPM 2.0 Part 2, TSS ESAPI specification). */
final class Tpm2 {
    private Tpm2() {
    }

    // Algorithms (TPM_ALG_ID)
    static final int ALG_RSA = 0x0001;
    static final int ALG_SHA1 = 0x0004;
    static final int ALG_HMAC = 0x0005;
    static final int ALG_AES = 0x0006;
    static final int ALG_KEYEDHASH = 0x0008;
    static final int ALG_SHA256 = 0x000B;
    static final int ALG_NULL = 0x0010;
    static final int ALG_RSASSA = 0x0014;
    static final int ALG_RSAES = 0x0015;
    static final int ALG_RSAPSS = 0x0016;
    static final int ALG_OAEP = 0x0017;
    static final int ALG_CFB = 0x0043;

    // Object attributes (TPMA_OBJECT)
    static final int FIXED_TPM = 0x0000_0002;
    static final int FIXED_PARENT = 0x0000_0010;
    static final int SENSITIVE_DATA_ORIGIN = 0x0000_0020;
    static final int USER_WITH_AUTH = 0x0000_0040;
    static final int NO_DA = 0x0000_0400;
    static final int RESTRICTED = 0x0001_0000;
    static final int DECRYPT = 0x0002_0000;
    static final int SIGN_ENCRYPT = 0x0004_0000;

    // Structure tags, handles, capabilities, properties
    static final int ST_HASHCHECK = 0x8024;
    static final int RH_NULL = 0x4000_0007;
    static final int SU_CLEAR = 0x0000;
    static final int CAP_TPM_PROPERTIES = 0x0000_0006;
    static final int PT_MANUFACTURER = 0x105;
    static final int PT_FIRMWARE_VERSION_1 = 0x10B;
    static final int PT_FIRMWARE_VERSION_2 = 0x10C;

    // ESYS_TR
    static final int ESYS_TR_NONE = 0xFFF;
    static final int ESYS_TR_PASSWORD = 0x0FF;
    static final int ESYS_TR_RH_OWNER = 0x101;

    // Response codes: layers and the TPM codes we act on (base values, without handle/parameter bits)
    static final int RC_LAYER_MASK = 0xFF_0000;
    static final int RC_LAYER_TPM = 0x00_0000;
    static final int RC_LAYER_RESMGR_TPM = 0x0C_0000;
    static final int RC_INITIALIZE = 0x100;
    static final int RC_FAILURE = 0x101;
    static final int RC_VALUE = 0x084;
    static final int RC_HIERARCHY = 0x085;
    static final int RC_AUTH_FAIL = 0x08E;
    static final int RC_BAD_AUTH = 0x0A2;
    static final int RC_HANDLE = 0x08B;
    static final int RC_SIZE = 0x095;
    static final int RC_INSUFFICIENT = 0x09A;
    static final int RC_KEY = 0x09C;
    static final int RC_INTEGRITY = 0x09F;
    static final int RC_BINDING = 0x0A5;
    static final int RC_LOCKOUT = 0x921;
    static final int RC_OBJECT_MEMORY = 0x902;
    static final int RC_REFERENCE_H0 = 0x910;

    static final int RSA_BITS = 2048;
    static final int RSA_BYTES = RSA_BITS / 8;
    static final long DEFAULT_EXPONENT = 65537L;
    /** MAX_DIGEST_BUFFER of the PC Client platform: the largest TPM2B_MAX_BUFFER, and so TPM2_HMAC's input. */
    static final int MAX_DIGEST_BUFFER = 1024;

    /** Whether the response code comes from the TPM itself (as opposed to the TSS or the transport). */
    static boolean isTpmError(int rc) {
        int layer = rc & RC_LAYER_MASK;
        return layer == RC_LAYER_TPM || layer == RC_LAYER_RESMGR_TPM;
    }

    /**
     * The TPM response code without its handle, session or parameter number: format-one codes
     * ({@code rc & 0x80}) keep their 6-bit error number, format-zero codes their low 12 bits.
     */
    static int tpmBase(int rc) {
        int code = rc & 0xFFFF;
        return (code & 0x080) != 0 ? 0x080 | (code & 0x03F) : code & 0xFFF;
    }

    /** The response code as the TSS prints it: eight hex digits. */
    static String hex(int rc) {
        return String.format("0x%08x", rc);
    }
}
