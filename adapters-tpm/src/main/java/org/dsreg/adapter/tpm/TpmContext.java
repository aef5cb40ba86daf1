package org.dsreg.adapter.tpm;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The process's one ESYS context for a TCTI, shared by every storage open on it and used behind one lock
 * ({@code ESYS_CONTEXT} is not thread-safe). It starts the TPM if needed, reads its manufacturer and
 * firmware, derives the SRK on first use and keeps its handle; keys are loaded for each use and flushed
 * right after, so at most two transient objects are ever loaded (swtpm and TPMs without a resource
 * manager hold only three). The context is finalized, and the SRK flushed, when its last user releases
 * it or the JVM shuts down. After a transport or TSS failure (anything but a TPM response code) it is
 * rebuilt on next use: ESYS refuses every later command on a context in that state.
 */
final class TpmContext {
    static final String DEFAULT_TCTI = "device:/dev/tpmrm0";

    /** What a storage asks to know about its TPM. */
    record Info(String manufacturer, String firmware) {
    }

    /** A key's marshalled TPM2B_PUBLIC and TPM2B_PRIVATE: the tpm2-tools {@code .pub} and {@code .priv} files. */
    record Blobs(byte[] tpm2bPublic, byte[] tpm2bPrivate) {
    }

    private static final Map<String, TpmContext> OPEN = new HashMap<>();
    private static boolean hookInstalled;

    private final Tss2 tss;
    private final String tcti;
    private final ReentrantLock lock = new ReentrantLock();
    private int users; // guarded by TpmContext.class

    // guarded by lock
    private Pointer esys;
    private PointerByReference tctiContext;
    private boolean broken;
    private boolean finished;
    private int srk = Tpm2.ESYS_TR_NONE;
    private byte[] srkPublic;
    private Info info;

    private TpmContext(Tss2 tss, String tcti) {
        this.tss = tss;
        this.tcti = tcti;
    }

    /**
     * The shared context for this TCTI, connected and started; the caller {@link #release}s it.
     *
     * @throws TssException when the libraries are missing or the TPM cannot be reached
     */
    static TpmContext acquire(String tcti) {
        Tss2 tss = Tss2.get();
        synchronized (TpmContext.class) {
            TpmContext c = OPEN.get(tcti);
            if (c == null) {
                c = new TpmContext(tss, tcti);
                c.lock.lock();
                try {
                    c.start();
                } finally {
                    c.lock.unlock();
                }
                OPEN.put(tcti, c);
                if (!hookInstalled) {
                    Runtime.getRuntime().addShutdownHook(new Thread(TpmContext::finishAll, "dsreg-tpm-shutdown"));
                    hookInstalled = true;
                }
            }
            c.users++;
            return c;
        }
    }

    /** Gives the context back; the last user's release finalizes it. */
    void release() {
        synchronized (TpmContext.class) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(tcti);
        }
        finish();
    }

    private static void finishAll() {
        List<TpmContext> all;
        synchronized (TpmContext.class) {
            all = new ArrayList<>(OPEN.values());
            OPEN.clear();
        }
        all.forEach(TpmContext::finish);
    }

    String tcti() {
        return tcti;
    }

    Tss2 tss() {
        return tss;
    }

    // ---------------------------------------------------------------------------------------------
    // Lifecycle (under lock)

    private void start() {
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

    private void ensureStarted() {
        if (finished) {
            throw new TssException(0, "the TPM context is closed");
        }
        if (broken) {
            closeNative();
            start();
        }
    }

    private void finish() {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            finished = true;
            if (esys != null && !broken && srk != Tpm2.ESYS_TR_NONE) {
                tss.esys.Esys_FlushContext(esys, srk);
            }
            closeNative();
        } finally {
            lock.unlock();
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
        srk = Tpm2.ESYS_TR_NONE;
        srkPublic = null;
    }

    /** Fails on a non-zero rc; a failure from below the TPM leaves the ESYS context unusable: rebuild it. */
    private void check(int rc, String operation) {
        if (rc != 0) {
            if (!Tpm2.isTpmError(rc)) {
                broken = true;
            }
            throw new TssException(rc, operation);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Operations

    Info info() {
        lock.lock();
        try {
            ensureStarted();
            return info;
        } finally {
            lock.unlock();
        }
    }

    /** The SRK's TPM2B_PUBLIC as the TPM returned it (deriving the SRK if not done yet). */
    byte[] srkPublic() {
        lock.lock();
        try {
            ensureStarted();
            ensureSrk();
            return srkPublic.clone();
        } finally {
            lock.unlock();
        }
    }

    /** Creates a key under the SRK from {@link Structures#keyTemplate()}. */
    Blobs create() {
        lock.lock();
        try {
            ensureStarted();
            ensureSrk();
            try {
                return createUnder(srk);
            } catch (TssException e) {
                if (!staleSrk(e)) {
                    throw e;
                }
                return createUnder(srk);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Loads the key and flushes it: checks that it belongs to this TPM (and times a load). */
    void loadAndFlush(Blobs key) {
        lock.lock();
        try {
            ensureStarted();
            flush(load(key));
        } finally {
            lock.unlock();
        }
    }

    /** Signs a SHA-256 digest with the key in the scheme (RSASSA or RSAPSS); the signature, big-endian. */
    byte[] sign(Blobs key, int scheme, byte[] digest) {
        lock.lock();
        try {
            ensureStarted();
            int handle = load(key);
            try (Memory d = tss.unmarshal("TPM2B_DIGEST", Structures.digest(digest));
                    Memory s = tss.unmarshal("TPMT_SIG_SCHEME", Structures.signatureScheme(scheme));
                    Memory v = tss.unmarshal("TPMT_TK_HASHCHECK", Structures.nullHashcheckTicket())) {
                PointerByReference sig = new PointerByReference();
                try {
                    check(tss.esys.Esys_Sign(esys, handle, Tpm2.ESYS_TR_PASSWORD, Tpm2.ESYS_TR_NONE,
                            Tpm2.ESYS_TR_NONE, d, s, v, sig), "Esys_Sign");
                    return Structures.parseRsaSignature(tss.marshal("TPMT_SIGNATURE", sig.getValue()), scheme);
                } finally {
                    tss.free(sig, 0);
                }
            } finally {
                flush(handle);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Decrypts with the key: RSAES-OAEP with SHA-1 and an empty label, or ({@code raw}) the bare RSA private
     * operation on a modulus-sized block.
     */
    byte[] decrypt(Blobs key, byte[] ciphertext, boolean raw) {
        lock.lock();
        try {
            ensureStarted();
            int handle = load(key);
            try (Memory c = tss.unmarshal("TPM2B_PUBLIC_KEY_RSA", Structures.rsaBuffer(ciphertext));
                    Memory s = tss.unmarshal("TPMT_RSA_DECRYPT", raw ? Structures.rawRsa() : Structures.oaepSha1());
                    Memory l = tss.unmarshal("TPM2B_DATA", Structures.emptyTpm2b())) {
                PointerByReference msg = new PointerByReference();
                try {
                    check(tss.esys.Esys_RSA_Decrypt(esys, handle, Tpm2.ESYS_TR_PASSWORD, Tpm2.ESYS_TR_NONE,
                            Tpm2.ESYS_TR_NONE, c, s, l, msg), "Esys_RSA_Decrypt");
                    byte[] wire = tss.marshal("TPM2B_PUBLIC_KEY_RSA", msg.getValue());
                    try {
                        return Structures.parseTpm2b(wire, "TPM2B_PUBLIC_KEY_RSA");
                    } finally {
                        java.util.Arrays.fill(wire, (byte) 0);
                    }
                } finally {
                    tss.free(msg, 2 + 512); // TPM2B_PUBLIC_KEY_RSA: UINT16 size + BYTE[TPM2_MAX_RSA_KEY_BYTES]
                }
            } finally {
                flush(handle);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Under lock

    private Info readInfo() {
        PointerByReference data = new PointerByReference();
        try (Memory more = new Memory(8)) {
            more.clear();
            check(tss.esys.Esys_GetCapability(esys, Tpm2.ESYS_TR_NONE, Tpm2.ESYS_TR_NONE, Tpm2.ESYS_TR_NONE,
                    Tpm2.CAP_TPM_PROPERTIES, Tpm2.PT_MANUFACTURER, 8, more, data), "Esys_GetCapability");
            Map<Integer, Long> props = Structures.parseTpmProperties(tss.marshal("TPMS_CAPABILITY_DATA", data.getValue()));
            long m = props.getOrDefault(Tpm2.PT_MANUFACTURER, 0L);
            return new Info(Structures.manufacturer(m), Structures.firmware(
                    props.getOrDefault(Tpm2.PT_FIRMWARE_VERSION_1, 0L), props.getOrDefault(Tpm2.PT_FIRMWARE_VERSION_2, 0L)));
        } finally {
            tss.free(data, 0);
        }
    }

    private void ensureSrk() {
        if (srk != Tpm2.ESYS_TR_NONE) {
            return;
        }
        try (Memory sensitive = tss.unmarshal("TPM2B_SENSITIVE_CREATE", Structures.emptySensitiveCreate());
                Memory template = tss.unmarshal("TPM2B_PUBLIC", Structures.srkTemplate());
                Memory outside = tss.unmarshal("TPM2B_DATA", Structures.emptyTpm2b());
                Memory pcrs = tss.unmarshal("TPML_PCR_SELECTION", Structures.noPcrs())) {
            IntByReference handle = new IntByReference(Tpm2.ESYS_TR_NONE);
            PointerByReference outPublic = new PointerByReference();
            try {
                check(tss.esys.Esys_CreatePrimary(esys, Tpm2.ESYS_TR_RH_OWNER, Tpm2.ESYS_TR_PASSWORD,
                        Tpm2.ESYS_TR_NONE, Tpm2.ESYS_TR_NONE, sensitive, template, outside, pcrs, handle, outPublic,
                        null, null, null), "Esys_CreatePrimary");
                srkPublic = tss.marshal("TPM2B_PUBLIC", outPublic.getValue());
                srk = handle.getValue();
            } finally {
                tss.free(outPublic, 0);
            }
        }
    }

    /**
     * Whether the failure says the SRK's handle is no longer loaded (a tool flushed every transient object
     * of a TPM without a resource manager); if so the SRK is derived anew, for the caller's one retry.
     */
    private boolean staleSrk(TssException e) {
        int base = e.tpmBase();
        if (base != Tpm2.RC_HANDLE && base != Tpm2.RC_REFERENCE_H0) {
            return false;
        }
        IntByReference tr = new IntByReference(srk);
        tss.esys.Esys_TR_Close(esys, tr);
        srk = Tpm2.ESYS_TR_NONE;
        srkPublic = null;
        ensureSrk();
        return true;
    }

    private Blobs createUnder(int parent) {
        try (Memory sensitive = tss.unmarshal("TPM2B_SENSITIVE_CREATE", Structures.emptySensitiveCreate());
                Memory template = tss.unmarshal("TPM2B_PUBLIC", Structures.keyTemplate());
                Memory outside = tss.unmarshal("TPM2B_DATA", Structures.emptyTpm2b());
                Memory pcrs = tss.unmarshal("TPML_PCR_SELECTION", Structures.noPcrs())) {
            PointerByReference outPrivate = new PointerByReference();
            PointerByReference outPublic = new PointerByReference();
            try {
                check(tss.esys.Esys_Create(esys, parent, Tpm2.ESYS_TR_PASSWORD, Tpm2.ESYS_TR_NONE, Tpm2.ESYS_TR_NONE,
                        sensitive, template, outside, pcrs, outPrivate, outPublic, null, null, null), "Esys_Create");
                return new Blobs(tss.marshal("TPM2B_PUBLIC", outPublic.getValue()),
                        tss.marshal("TPM2B_PRIVATE", outPrivate.getValue()));
            } finally {
                tss.free(outPrivate, 0);
                tss.free(outPublic, 0);
            }
        }
    }

    private int load(Blobs key) {
        ensureSrk();
        try {
            return loadUnder(srk, key);
        } catch (TssException e) {
            if (!staleSrk(e)) {
                throw e;
            }
            return loadUnder(srk, key);
        }
    }

    private int loadUnder(int parent, Blobs key) {
        try (Memory priv = tss.unmarshal("TPM2B_PRIVATE", key.tpm2bPrivate());
                Memory pub = tss.unmarshal("TPM2B_PUBLIC", key.tpm2bPublic())) {
            IntByReference handle = new IntByReference(Tpm2.ESYS_TR_NONE);
            check(tss.esys.Esys_Load(esys, parent, Tpm2.ESYS_TR_PASSWORD, Tpm2.ESYS_TR_NONE, Tpm2.ESYS_TR_NONE,
                    priv, pub, handle), "Esys_Load");
            return handle.getValue();
        }
    }

    private void flush(int handle) {
        if (esys != null && !broken) {
            int rc = tss.esys.Esys_FlushContext(esys, handle);
            if (rc != 0 && !Tpm2.isTpmError(rc)) {
                broken = true;
            }
        }
    }
}
