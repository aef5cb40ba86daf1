package org.dsreg.adapter.tpm;

/**
 * A call into tpm2-tss failed with a TSS2_RC ({@code rc}, 0 when the failure is ours rather than the
 * library's). Internal: {@link TpmKeyStorage} turns it into a user-fit KeyStorageException.
 */
final class TssException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int rc;
    private final String operation;

    TssException(int rc, String operation) {
        super(rc == 0 ? operation : operation + " failed: " + Tpm2.hex(rc));
        this.rc = rc;
        this.operation = operation;
    }

    int rc() {
        return rc;
    }

    String operation() {
        return operation;
    }

    boolean isTpmError() {
        return rc != 0 && Tpm2.isTpmError(rc);
    }

    /** The TPM's base response code (without handle or parameter numbers), or -1 for other failures. */
    int tpmBase() {
        return isTpmError() ? Tpm2.tpmBase(rc) : -1;
    }
}
