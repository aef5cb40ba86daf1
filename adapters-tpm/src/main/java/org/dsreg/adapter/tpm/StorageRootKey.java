package org.dsreg.adapter.tpm;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.function.IntFunction;

/**
 * The SRK of one {@link EsysConnection}: derived from {@link Structures#srkTemplate()} on first use (the same
 * template always gives the same key), its handle kept while the connection lives, derived anew when a tool
 * flushed it behind our back. Not thread-safe: used under {@link TpmContext}'s lock.
 */
final class StorageRootKey {
    private final EsysConnection connection;
    private int handle = Tpm2.ESYS_TR_NONE;
    private byte[] publicArea;

    StorageRootKey(EsysConnection connection) {
        this.connection = connection;
    }

    /** The SRK's TPM2B_PUBLIC as the TPM returned it (deriving the SRK if not done yet). */
    byte[] publicArea() {
        ensure();
        return publicArea.clone();
    }

    /**
     * Runs {@code underSrk} with the SRK's handle; when it fails because that handle is no longer loaded (a tool
     * flushed every transient object of a TPM without a resource manager), derives the SRK anew and runs it once
     * more.
     */
    <T> T withRetry(IntFunction<T> underSrk) {
        ensure();
        try {
            return underSrk.apply(handle);
        } catch (TssException e) {
            if (!stale(e)) {
                throw e;
            }
            return underSrk.apply(handle);
        }
    }

    boolean loaded() {
        return handle != Tpm2.ESYS_TR_NONE;
    }

    int loadedHandle() {
        return handle;
    }

    /** The connection was closed: the handle means nothing any more. */
    void forget() {
        handle = Tpm2.ESYS_TR_NONE;
        publicArea = null;
    }

    private void ensure() {
        if (loaded()) {
            return;
        }
        Tss2 tss = connection.tss();
        try (Memory sensitive = tss.unmarshal("TPM2B_SENSITIVE_CREATE", Structures.emptySensitiveCreate());
                Memory template = tss.unmarshal("TPM2B_PUBLIC", Structures.srkTemplate());
                Memory outside = tss.unmarshal("TPM2B_DATA", Structures.emptyTpm2b());
                Memory pcrs = tss.unmarshal("TPML_PCR_SELECTION", Structures.noPcrs())) {
            IntByReference out = new IntByReference(Tpm2.ESYS_TR_NONE);
            PointerByReference outPublic = new PointerByReference();
            try {
                connection.check(tss.esys.Esys_CreatePrimary(connection.esys(), Tpm2.ESYS_TR_RH_OWNER,
                        Tpm2.ESYS_TR_PASSWORD, Tpm2.ESYS_TR_NONE, Tpm2.ESYS_TR_NONE, sensitive, template, outside,
                        pcrs, out, outPublic, null, null, null), "Esys_CreatePrimary");
                publicArea = tss.marshal("TPM2B_PUBLIC", outPublic.getValue());
                handle = out.getValue();
            } finally {
                tss.free(outPublic, 0);
            }
        }
    }

    /** Whether the failure says the SRK's handle is no longer loaded; if so the SRK is derived anew. */
    private boolean stale(TssException e) {
        int base = e.tpmBase();
        if (base != Tpm2.RC_HANDLE && base != Tpm2.RC_REFERENCE_H0) {
            return false;
        }
        connection.tss().esys.Esys_TR_Close(connection.esys(), new IntByReference(handle));
        forget();
        ensure();
        return true;
    }
}
