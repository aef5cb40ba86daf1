package org.dsreg.adapter.tpm;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dsreg.spi.keystorage.KeyStorageException;

/**
 * The TPM backend's PRT session keys: each imported once as a keyed-hash object under the SRK (TPM2_Create with
 * the key as sensitive data), kept as its blobs ({@code <alias>.session-pub}, {@code <alias>.session-priv}, written
 * as the RSA keys' are), and loaded for each TPM2_HMAC. After import the key exists only inside the TPM, or
 * encrypted by the SRK in the {@code .session-priv} file.
 */
final class TpmSessionKeys {
    /** The length of a PRT session key (the {@code session_key_jwe}'s content is a 256-bit key). */
    static final int KEY_BYTES = 32;

    private final TpmContext tpm;
    private final KeyFiles files;

    TpmSessionKeys(TpmContext tpm, KeyFiles files) {
        this.tpm = tpm;
        this.files = files;
    }

    void importKey(String alias, byte[] sessionKey) {
        KeyFiles.checkAlias(alias);
        if (sessionKey == null || sessionKey.length != KEY_BYTES) {
            throw new KeyStorageException("a PRT session key has " + KEY_BYTES + " bytes, not "
                    + (sessionKey == null ? 0 : sessionKey.length) + "; session key '" + alias + "' not kept");
        }
        if (files.exists(alias)) {
            throw files.alreadyExists(alias);
        }
        byte[] sensitive = SessionKeyArea.sensitiveCreate(sessionKey);
        TpmContext.Blobs blobs;
        try {
            blobs = tpm.createSessionKey(sensitive);
        } catch (TssException e) {
            throw TpmErrors.forKey(alias, "import", e);
        } finally {
            Arrays.fill(sensitive, (byte) 0);
        }
        try {
            SessionKeyArea.check(blobs.tpm2bPublic());
            Structures.checkPrivate(blobs.tpm2bPrivate());
        } catch (Wire.FormatException e) {
            throw new KeyStorageException("the TPM returned an unusable session key for '" + alias + "': "
                    + e.getMessage(), e);
        }
        files.create(alias, blobs);
    }

    byte[] hmac(String alias, byte[] message) {
        Objects.requireNonNull(message, "message");
        KeyFiles.checkAlias(alias);
        if (message.length > Tpm2.MAX_DIGEST_BUFFER) {
            throw new KeyStorageException("cannot compute an HMAC of " + message.length + " bytes with TPM session key '"
                    + alias + "': TPM2_HMAC takes at most " + Tpm2.MAX_DIGEST_BUFFER);
        }
        TpmContext.Blobs blobs = files.read(alias).orElseThrow(() -> new KeyStorageException(
                "no TPM session key named '" + alias + "' in " + files.directory()));
        try {
            SessionKeyArea.check(blobs.tpm2bPublic());
            Structures.checkPrivate(blobs.tpm2bPrivate());
        } catch (Wire.FormatException e) {
            throw new KeyStorageException("TPM session key '" + alias + "' is damaged: its files in " + files.directory()
                    + " are not a TPM HMAC key (" + e.getMessage() + "); delete it and acquire a new PRT", e);
        }
        try {
            return tpm.hmac(blobs, message);
        } catch (TssException e) {
            throw TpmErrors.forKey(alias, "compute an HMAC with", e);
        } catch (Wire.FormatException e) {
            throw new KeyStorageException("cannot compute an HMAC with TPM session key '" + alias
                    + "': unexpected answer from the TPM (" + e.getMessage() + ")", e);
        }
    }

    boolean delete(String alias) {
        KeyFiles.checkAlias(alias);
        return files.delete(alias);
    }

    List<String> aliases() {
        return files.aliases();
    }
}
