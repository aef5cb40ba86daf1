package org.dsreg.adapter.tpm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The process's one ESYS context for a TCTI, shared by every storage open on it and used behind one lock
 * ({@code ESYS_CONTEXT} is not thread-safe). It starts the TPM if needed, reads its manufacturer and
 * firmware, derives the SRK on first use and keeps its handle; keys are loaded for each use and flushed
 * right after, so at most two transient objects are ever loaded (swtpm and TPMs without a resource
 * manager hold only three). The context is finalized, and the SRK flushed, when its last user releases
 * it or the JVM shuts down. After a transport or TSS failure (anything but a TPM response code) it is
 * rebuilt on next use: ESYS refuses every later command on a context in that state.
 *
 * <p>This class is the registry and the lock; the connection's life is {@link EsysConnection}'s, the SRK
 * {@link StorageRootKey}'s, and the keys' operations {@link KeyObjects}'.
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

    private final String tcti;
    private final ReentrantLock lock = new ReentrantLock();
    private final EsysConnection connection; // guarded by lock
    private final KeyObjects keys; // guarded by lock
    private int users; // guarded by TpmContext.class

    private TpmContext(Tss2 tss, String tcti) {
        this.tcti = tcti;
        this.connection = new EsysConnection(tss, tcti);
        this.keys = new KeyObjects(connection);
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
                    c.connection.start();
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

    private void finish() {
        lock.lock();
        try {
            connection.finish();
        } finally {
            lock.unlock();
        }
    }

    String tcti() {
        return tcti;
    }

    Tss2 tss() {
        return connection.tss();
    }

    Info info() {
        return locked(connection::info);
    }

    /** The SRK's TPM2B_PUBLIC as the TPM returned it (deriving the SRK if not done yet). */
    byte[] srkPublic() {
        return locked(() -> connection.srk().publicArea());
    }

    /** Creates a key under the SRK from {@link Structures#keyTemplate()}. */
    Blobs create() {
        return locked(keys::create);
    }

    /** Creates a session key under the SRK from a TPM2B_SENSITIVE_CREATE holding it ({@link SessionKeyArea}). */
    Blobs createSessionKey(byte[] sensitiveCreate) {
        return locked(() -> keys.createSessionKey(sensitiveCreate));
    }

    /** HMAC-SHA256 of the message (at most 1024 bytes) under the session key, computed by the TPM. */
    byte[] hmac(Blobs sessionKey, byte[] message) {
        return locked(() -> keys.hmac(sessionKey, message));
    }

    /** Loads the key and flushes it: checks that it belongs to this TPM (and times a load). */
    void loadAndFlush(Blobs key) {
        locked(() -> {
            keys.loadAndFlush(key);
            return null;
        });
    }

    /** Signs a SHA-256 digest with the key in the scheme (RSASSA or RSAPSS); the signature, big-endian. */
    byte[] sign(Blobs key, int scheme, byte[] digest) {
        return locked(() -> keys.sign(key, scheme, digest));
    }

    /**
     * Decrypts with the key: RSAES-OAEP with SHA-1 and an empty label, or ({@code raw}) the bare RSA private
     * operation on a modulus-sized block.
     */
    byte[] decrypt(Blobs key, byte[] ciphertext, boolean raw) {
        return locked(() -> keys.decrypt(key, ciphertext, raw));
    }

    /** One operation under the lock, on a started (or rebuilt) connection. */
    private <T> T locked(Supplier<T> operation) {
        lock.lock();
        try {
            connection.ensureStarted();
            return operation.get();
        } finally {
            lock.unlock();
        }
    }
}
