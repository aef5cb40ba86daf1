package org.dsreg.adapter.tpm;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;

/**
 * One ESYS context over one TCTI, and its life: connected and the TPM started ({@code TPM2_Startup}, its
 * manufacturer and firmware read), marked broken by a failure from below the TPM (ESYS refuses every later
 * command on such a context) and then rebuilt on next use, finalized at the end with its SRK flushed. Not
 * thread-safe: {@link TpmContext} uses it behind its lock.
 */
final class EsysConnection {
    private final Tss2 tss;
    private final String tcti;
    private final StorageRootKey srk = new StorageRootKey(this);

    private Pointer esys;
    private PointerByReference tctiContext;
    private boolean broken;
    private boolean finished;
    private TpmContext.Info info;

    EsysConnection(Tss2 tss, String tcti) {
        this.tss = tss;
        this.tcti = tcti;
    }

    Tss2 tss() {
        return tss;
    }

    /** The ESYS context; valid until the next failure from below the TPM. */
    Pointer esys() {
        return esys;
    }

    StorageRootKey srk() {
        return srk;
    }

    TpmContext.Info info() {
        return info;
    }

    /**
     * Connects through the TCTI and starts the TPM (a TPM already started is fine).
     *
     * @throws TssException when the TCTI or the TPM cannot be reached; the next use starts over
     */
    void start() {
        PointerByReference t = new PointerByReference();
        int rc = tss.tctiLdr.Tss2_TctiLdr_Initialize(tcti, t);
        if (rc != 0) {
            throw new TssException(rc, "Tss2_TctiLdr_Initialize");
        }
        PointerByReference e = new PointerByReference();
        rc = tss.esys.Esys_Initialize(e, t.getValue(), null);
        if (rc != 0) {
            tss.tctiLdr.Tss2_TctiLdr_Finalize(t);
            throw new TssException(rc, "Esys_Initialize");
        }
        esys = e.getValue();
        tctiContext = t;
        broken = false;
        try {
            int startup = tss.esys.Esys_Startup(esys, (short) Tpm2.SU_CLEAR);
            if (startup != 0 && !(Tpm2.isTpmError(startup) && Tpm2.tpmBase(startup) == Tpm2.RC_INITIALIZE)) {
                // Some resource managers answer Startup themselves; the TPM is usable if it answers this:
                try {
                    info = readInfo();
                } catch (TssException ignored) {
                    throw new TssException(startup, "Esys_Startup");
                }
            }
            if (info == null) {
                info = readInfo();
            }
        } catch (RuntimeException ex) {
            closeNative();
            broken = true; // the next use starts over
            throw ex;
        }
    }

    /** Before each use: refuses a finished context, rebuilds a broken one. */
    void ensureStarted() {
        if (finished) {
            throw new TssException(0, "the TPM context is closed");
        }
        if (broken) {
            closeNative();
            start();
        }
    }

    /** Flushes the SRK and finalizes the context; every later use is refused. Idempotent. */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (esys != null && !broken && srk.loaded()) {
            tss.esys.Esys_FlushContext(esys, srk.loadedHandle());
        }
        closeNative();
    }

    /** Fails on a non-zero rc; a failure from below the TPM leaves the ESYS context unusable: rebuild it. */
    void check(int rc, String operation) {
        if (rc != 0) {
            if (!Tpm2.isTpmError(rc)) {
                broken = true;
            }
            throw new TssException(rc, operation);
        }
    }

    /** Flushes a transient object; a transport failure marks the context for rebuilding. */
    void flush(int handle) {
        if (esys != null && !broken) {
            int rc = tss.esys.Esys_FlushContext(esys, handle);
            if (rc != 0 && !Tpm2.isTpmError(rc)) {
                broken = true;
            }
        }
    }

    private void closeNative() {
        if (esys != null) {
            tss.esys.Esys_Finalize(new PointerByReference(esys));
            esys = null;
        }
        if (tctiContext != null) {
            tss.tctiLdr.Tss2_TctiLdr_Finalize(tctiContext);
            tctiContext = null;
        }
        srk.forget();
    }

    private TpmContext.Info readInfo() {
        PointerByReference data = new PointerByReference();
        try (Memory more = new Memory(8)) {
            more.clear();
            check(tss.esys.Esys_GetCapability(esys, Tpm2.ESYS_TR_NONE, Tpm2.ESYS_TR_NONE, Tpm2.ESYS_TR_NONE,
                    Tpm2.CAP_TPM_PROPERTIES, Tpm2.PT_MANUFACTURER, 8, more, data), "Esys_GetCapability");
            Map<Integer, Long> props = Structures.parseTpmProperties(tss.marshal("TPMS_CAPABILITY_DATA", data.getValue()));
            long m = props.getOrDefault(Tpm2.PT_MANUFACTURER, 0L);
            return new TpmContext.Info(Structures.manufacturer(m), Structures.firmware(
                    props.getOrDefault(Tpm2.PT_FIRMWARE_VERSION_1, 0L), props.getOrDefault(Tpm2.PT_FIRMWARE_VERSION_2, 0L)));
        } finally {
            tss.free(data, 0);
        }
    }
}
