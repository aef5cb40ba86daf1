package org.dsreg.adapter.tpm;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Arrays;

/**
 * Keys as TPM objects under the SRK of one {@link EsysConnection}: created from {@link Structures#keyTemplate()},
 * loaded for each use and flushed right after (so at most two transient objects are ever loaded), and the private
 * operations, signing and decryption. Not thread-safe: used under {@link TpmContext}'s lock.
 */
final class KeyObjects {
    private final EsysConnection connection;
    private final Tss2 tss;

    KeyObjects(EsysConnection connection) {
        this.connection = connection;
        this.tss = connection.tss();
    }

    /** Creates a key under the SRK. */
    TpmContext.Blobs create() {
        return connection.srk().withRetry(parent -> createUnder(parent, Structures.emptySensitiveCreate(),
                Structures.keyTemplate()));
    }

    /**
     * Creates a session key under the SRK: a keyed-hash object from {@link SessionKeyArea#template()} holding the
     * data of {@code sensitiveCreate} (a TPM2B_SENSITIVE_CREATE from {@link SessionKeyArea#sensitiveCreate}).
     */
    TpmContext.Blobs createSessionKey(byte[] sensitiveCreate) {
        return connection.srk().withRetry(parent -> createUnder(parent, sensitiveCreate, SessionKeyArea.template()));
    }

    /** TPM2_HMAC with SHA-256 under a session key of {@link #createSessionKey}; the message at most 1024 bytes. */
    byte[] hmac(TpmContext.Blobs key, byte[] message) {
        int handle = load(key);
        try (Memory buffer = tss.unmarshal("TPM2B_MAX_BUFFER", SessionKeyArea.maxBuffer(message))) {
            PointerByReference out = new PointerByReference();
            try {
                connection.check(tss.esys.Esys_HMAC(connection.esys(), handle, Tpm2.ESYS_TR_PASSWORD,
                        Tpm2.ESYS_TR_NONE, Tpm2.ESYS_TR_NONE, buffer, (short) Tpm2.ALG_SHA256, out), "Esys_HMAC");
                byte[] wire = tss.marshal("TPM2B_DIGEST", out.getValue());
                try {
                    return Structures.parseTpm2b(wire, "TPM2B_DIGEST");
                } finally {
                    Arrays.fill(wire, (byte) 0);
                }
            } finally {
                tss.free(out, 2 + 64); // TPM2B_DIGEST: UINT16 size + BYTE[sizeof(TPMU_HA)]; the HMAC is a derived key
            }
        } finally {
            connection.flush(handle);
        }
    }

    /** Loads the key and flushes it: checks that it belongs to this TPM (and times a load). */
    void loadAndFlush(TpmContext.Blobs key) {
        connection.flush(load(key));
    }

    /** Signs a SHA-256 digest with the key in the scheme (RSASSA or RSAPSS); the signature, big-endian. */
    byte[] sign(TpmContext.Blobs key, int scheme, byte[] digest) {
        int handle = load(key);
        try (Memory d = tss.unmarshal("TPM2B_DIGEST", Structures.digest(digest));
                Memory s = tss.unmarshal("TPMT_SIG_SCHEME", Structures.signatureScheme(scheme));
                Memory v = tss.unmarshal("TPMT_TK_HASHCHECK", Structures.nullHashcheckTicket())) {
            PointerByReference sig = new PointerByReference();
            try {
                connection.check(tss.esys.Esys_Sign(connection.esys(), handle, Tpm2.ESYS_TR_PASSWORD,
                        Tpm2.ESYS_TR_NONE, Tpm2.ESYS_TR_NONE, d, s, v, sig), "Esys_Sign");
                return Structures.parseRsaSignature(tss.marshal("TPMT_SIGNATURE", sig.getValue()), scheme);
            } finally {
                tss.free(sig, 0);
            }
        } finally {
            connection.flush(handle);
        }
    }

    /**
     * Decrypts with the key: RSAES-OAEP with SHA-1 and an empty label, or ({@code raw}) the bare RSA private
     * operation on a modulus-sized block.
     */
    byte[] decrypt(TpmContext.Blobs key, byte[] ciphertext, boolean raw) {
        int handle = load(key);
        try (Memory c = tss.unmarshal("TPM2B_PUBLIC_KEY_RSA", Structures.rsaBuffer(ciphertext));
                Memory s = tss.unmarshal("TPMT_RSA_DECRYPT", raw ? Structures.rawRsa() : Structures.oaepSha1());
                Memory l = tss.unmarshal("TPM2B_DATA", Structures.emptyTpm2b())) {
            PointerByReference msg = new PointerByReference();
            try {
                connection.check(tss.esys.Esys_RSA_Decrypt(connection.esys(), handle, Tpm2.ESYS_TR_PASSWORD,
                        Tpm2.ESYS_TR_NONE, Tpm2.ESYS_TR_NONE, c, s, l, msg), "Esys_RSA_Decrypt");
                byte[] wire = tss.marshal("TPM2B_PUBLIC_KEY_RSA", msg.getValue());
                try {
                    return Structures.parseTpm2b(wire, "TPM2B_PUBLIC_KEY_RSA");
                } finally {
                    Arrays.fill(wire, (byte) 0);
                }
            } finally {
                tss.free(msg, 2 + 512); // TPM2B_PUBLIC_KEY_RSA: UINT16 size + BYTE[TPM2_MAX_RSA_KEY_BYTES]
            }
        } finally {
            connection.flush(handle);
        }
    }

    private TpmContext.Blobs createUnder(int parent, byte[] sensitiveCreate, byte[] publicTemplate) {
        try (Memory sensitive = tss.unmarshal("TPM2B_SENSITIVE_CREATE", sensitiveCreate);
                Memory template = tss.unmarshal("TPM2B_PUBLIC", publicTemplate);
                Memory outside = tss.unmarshal("TPM2B_DATA", Structures.emptyTpm2b());
                Memory pcrs = tss.unmarshal("TPML_PCR_SELECTION", Structures.noPcrs())) {
            PointerByReference outPrivate = new PointerByReference();
            PointerByReference outPublic = new PointerByReference();
            try {
                connection.check(tss.esys.Esys_Create(connection.esys(), parent, Tpm2.ESYS_TR_PASSWORD,
                        Tpm2.ESYS_TR_NONE, Tpm2.ESYS_TR_NONE, sensitive, template, outside, pcrs, outPrivate, outPublic,
                        null, null, null), "Esys_Create");
                return new TpmContext.Blobs(tss.marshal("TPM2B_PUBLIC", outPublic.getValue()),
                        tss.marshal("TPM2B_PRIVATE", outPrivate.getValue()));
            } finally {
                tss.free(outPrivate, 0);
                tss.free(outPublic, 0);
                sensitive.clear(); // a session key's bytes
            }
        }
    }

    private int load(TpmContext.Blobs key) {
        return connection.srk().withRetry(parent -> loadUnder(parent, key));
    }

    private int loadUnder(int parent, TpmContext.Blobs key) {
        try (Memory priv = tss.unmarshal("TPM2B_PRIVATE", key.tpm2bPrivate());
                Memory pub = tss.unmarshal("TPM2B_PUBLIC", key.tpm2bPublic())) {
            IntByReference handle = new IntByReference(Tpm2.ESYS_TR_NONE);
            connection.check(tss.esys.Esys_Load(connection.esys(), parent, Tpm2.ESYS_TR_PASSWORD, Tpm2.ESYS_TR_NONE,
                    Tpm2.ESYS_TR_NONE, priv, pub, handle), "Esys_Load");
            return handle.getValue();
        }
    }
}
