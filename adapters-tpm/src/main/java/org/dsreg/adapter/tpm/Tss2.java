package org.dsreg.adapter.tpm;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Optional;

/**
 * The JNA binding to the system's tpm2-tss libraries, loaded by soname. No C struct is mapped: inputs are
 * TPM wire-format bytes unmarshalled by {@code Tss2_MU_*_Unmarshal} into zeroed, generously sized
 * {@link Memory} buffers; outputs (allocated by ESYS, freed with {@code Esys_Free}) are marshalled back into
 * bytes by {@code Tss2_MU_*_Marshal}.
 */
final class Tss2 {
    static final String ESYS = "libtss2-esys.so.0";
    static final String TCTILDR = "libtss2-tctildr.so.0";
    static final String MU = "libtss2-mu.so.0";
    static final String RC = "libtss2-rc.so.0";

    /** Larger than any TSS C struct this backend passes (TPM2B_PUBLIC is 616 bytes, TPMS_CAPABILITY_DATA ~1 KiB). */
    static final int STRUCT_BUFFER = 8192;

    /** The Debian packages that provide the libraries. */
    static final String PACKAGES = "libtss2-esys-3.0.2-0 libtss2-tctildr0 libtss2-mu0";

    interface TctiLdr extends Library {
        int Tss2_TctiLdr_Initialize(String nameConf, PointerByReference context);

        void Tss2_TctiLdr_Finalize(PointerByReference context);
    }

    interface Esys extends Library {
        int Esys_Initialize(PointerByReference esysContext, Pointer tcti, Pointer abiVersion);

        void Esys_Finalize(PointerByReference esysContext);

        void Esys_Free(Pointer ptr);

        int Esys_Startup(Pointer esysContext, short startupType);

        int Esys_GetCapability(Pointer esysContext, int shandle1, int shandle2, int shandle3, int capability,
                int property, int propertyCount, Pointer moreData, PointerByReference capabilityData);

        int Esys_CreatePrimary(Pointer esysContext, int primaryHandle, int shandle1, int shandle2, int shandle3,
                Pointer inSensitive, Pointer inPublic, Pointer outsideInfo, Pointer creationPcr,
                IntByReference objectHandle, PointerByReference outPublic, PointerByReference creationData,
                PointerByReference creationHash, PointerByReference creationTicket);

        int Esys_Create(Pointer esysContext, int parentHandle, int shandle1, int shandle2, int shandle3,
                Pointer inSensitive, Pointer inPublic, Pointer outsideInfo, Pointer creationPcr,
                PointerByReference outPrivate, PointerByReference outPublic, PointerByReference creationData,
                PointerByReference creationHash, PointerByReference creationTicket);

        int Esys_Load(Pointer esysContext, int parentHandle, int shandle1, int shandle2, int shandle3,
                Pointer inPrivate, Pointer inPublic, IntByReference objectHandle);

        int Esys_Sign(Pointer esysContext, int keyHandle, int shandle1, int shandle2, int shandle3, Pointer digest,
                Pointer inScheme, Pointer validation, PointerByReference signature);

        int Esys_RSA_Decrypt(Pointer esysContext, int keyHandle, int shandle1, int shandle2, int shandle3,
                Pointer cipherText, Pointer inScheme, Pointer label, PointerByReference message);

        int Esys_HMAC(Pointer esysContext, int handle, int shandle1, int shandle2, int shandle3, Pointer buffer,
                short hashAlg, PointerByReference outHMAC);

        int Esys_FlushContext(Pointer esysContext, int flushHandle);

        int Esys_TR_Close(Pointer esysContext, IntByReference rsrcHandle);
    }

    interface Rc extends Library {
        String Tss2_RC_Decode(int rc);
    }

    interface LibC extends Library {
        String getenv(String name);

        int setenv(String name, String value, int overwrite);
    }

    final TctiLdr tctiLdr;
    final Esys esys;
    private final NativeLibrary mu;
    private final Optional<Rc> rc;

    private Tss2(TctiLdr tctiLdr, Esys esys, NativeLibrary mu, Optional<Rc> rc) {
        this.tctiLdr = tctiLdr;
        this.esys = esys;
        this.mu = mu;
        this.rc = rc;
    }

    private static final Object LOAD_LOCK = new Object();
    private static Tss2 instance;
    private static String failure;

    /**
     * The libraries, loaded once per process.
     *
     * @throws TssException (rc 0) naming the missing library and the packages to install
     */
    static Tss2 get() {
        synchronized (LOAD_LOCK) {
            if (instance == null && failure == null) {
                try {
                    instance = load(ESYS, TCTILDR, MU);
                } catch (TssException e) {
                    failure = e.getMessage();
                }
            }
            if (instance == null) {
                throw new TssException(0, failure);
            }
            return instance;
        }
    }

    /** Loads the libraries under these names (tests pass names that do not exist). */
    static Tss2 load(String esysName, String tctiLdrName, String muName) {
        String current = esysName;
        try {
            quietLogging();
            Esys esys = Native.load(esysName, Esys.class);
            current = tctiLdrName;
            TctiLdr tctiLdr = Native.load(tctiLdrName, TctiLdr.class);
            current = muName;
            NativeLibrary mu = NativeLibrary.getInstance(muName);
            mu.getFunction("Tss2_MU_TPM2B_PUBLIC_Marshal");
            Optional<Rc> rc;
            try {
                rc = Optional.of(Native.load(RC, Rc.class));
            } catch (UnsatisfiedLinkError e) {
                rc = Optional.empty();
            }
            return new Tss2(tctiLdr, esys, mu, rc);
        } catch (UnsatisfiedLinkError e) {
            throw new TssException(0, "the TPM 2.0 libraries are not installed (" + current + " not found): "
                    + "apt-get install " + PACKAGES + ", and libtss2-tcti-device0 for a TPM device"
                    + " (libtss2-tcti-swtpm0 for swtpm)");
        }
    }

    /**
     * tpm2-tss logs warnings and errors to stderr by default (one for every TPM_RC_INITIALIZE at startup,
     * for example); this backend reports errors itself, so unless the user asked for logs with TSS2_LOG,
     * they are turned off. The libraries read TSS2_LOG on their first log call, after this.
     */
    private static void quietLogging() {
        try {
            LibC libc = Native.load("c", LibC.class);
            if (libc.getenv("TSS2_LOG") == null) {
                libc.setenv("TSS2_LOG", "all+NONE", 0);
            }
        } catch (UnsatisfiedLinkError e) {
            // no libc by that name: the libraries will log as they do by default
        }
    }

    /** Whether the TCTI module for this TCTI name ("device", "swtpm", ...) can be loaded. */
    static boolean tctiModulePresent(String module) {
        try {
            NativeLibrary.getInstance("libtss2-tcti-" + module + ".so.0");
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** Tss2_RC_Decode's text for the code (it uses a static buffer: one caller at a time). */
    String decode(int code) {
        if (rc.isEmpty()) {
            return "";
        }
        synchronized (Rc.class) {
            String s = rc.get().Tss2_RC_Decode(code);
            return s == null ? "" : s;
        }
    }

    /** A zeroed native buffer holding the C struct {@code type} unmarshalled from its wire-format bytes. */
    Memory unmarshal(String type, byte[] wire) {
        Memory src = new Memory(Math.max(1, wire.length));
        src.write(0, wire, 0, wire.length);
        Memory dest = new Memory(STRUCT_BUFFER);
        dest.clear();
        Memory offset = new Memory(Native.LONG_SIZE);
        offset.setNativeLong(0, new NativeLong(0));
        Function f = mu.getFunction("Tss2_MU_" + type + "_Unmarshal");
        int r = f.invokeInt(new Object[] {src, new NativeLong(wire.length), offset, dest});
        long consumed = offset.getNativeLong(0).longValue();
        src.clear();
        src.close();
        offset.close();
        if (r != 0) {
            dest.close();
            throw new TssException(r, "unmarshal " + type);
        }
        if (consumed != wire.length) {
            dest.close();
            throw new TssException(0, "unmarshal " + type + ": " + (wire.length - consumed) + " bytes left over");
        }
        return dest;
    }

    /** The wire-format bytes of the C struct {@code type} at {@code src}. */
    byte[] marshal(String type, Pointer src) {
        try (Memory buffer = new Memory(STRUCT_BUFFER); Memory offset = new Memory(Native.LONG_SIZE)) {
            offset.setNativeLong(0, new NativeLong(0));
            Function f = mu.getFunction("Tss2_MU_" + type + "_Marshal");
            int r = f.invokeInt(new Object[] {src, buffer, new NativeLong(STRUCT_BUFFER), offset});
            if (r != 0) {
                throw new TssException(r, "marshal " + type);
            }
            int n = (int) offset.getNativeLong(0).longValue();
            byte[] out = buffer.getByteArray(0, n);
            buffer.clear();
            return out;
        }
    }

    /** Frees what ESYS allocated, after zeroing {@code wipe} bytes of it (for secrets such as a decrypted key). */
    void free(PointerByReference ref, int wipe) {
        Pointer p = ref.getValue();
        if (p != null) {
            if (wipe > 0) {
                p.setMemory(0, wipe, (byte) 0);
            }
            esys.Esys_Free(p);
            ref.setValue(null);
        }
    }
}
