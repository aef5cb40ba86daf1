package org.dsreg.spi.keystorage;

/** Optional abilities a key-storage backend declares; shared tests are gated on these, never on names. */
public enum KeyStorageCapability {
    /** Private keys are generated in and never leave hardware (a TPM, an HSM). */
    HARDWARE_BACKED,
    /** Private keys exist as files an administrator can copy (and so back up, or steal). */
    EXPORTABLE,
    /** The backend can attest its keys (for example a TPM's certify). */
    ATTESTATION,
    /**
     * The backend keeps PRT session keys (32-byte HMAC-SHA256 keys) and computes HMACs with them itself:
     * {@link KeyStorage#importSessionKey}, {@link KeyStorage#sessionKeyHmac}, {@link KeyStorage#deleteSessionKey}.
     * A hardware-backed backend with this capability never lets the session key leave the hardware after import
     * (the TPM backend: a keyed-hash object under its storage root key).
     */
    SESSION_KEY_HMAC
}
