package org.dsreg.spi.keystorage;

/** Optional abilities a key-storage backend declares; shared tests are gated on these, never on names. */
public enum KeyStorageCapability {
    /** Private keys are generated in and never leave hardware (a TPM, an HSM). */
    HARDWARE_BACKED,
    /** Private keys exist as files an administrator can copy (and so back up, or steal). */
    EXPORTABLE,
    /** The backend can attest its keys (for example a TPM's certify). */
    ATTESTATION
}
