package org.dsreg.adapter.tpm;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dsreg.domain.KeyProtection;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.SignatureScheme;

/**
 * Keys in a TPM 2.0: RSA-2048 keys created under the owner hierarchy's SRK (the {@code tpm2_createprimary}
 * default), their blobs in the storage's directory in tpm2-tools format, loaded for each use. The private
 * key is only ever in the TPM or, encrypted by the SRK, in the {@code .priv} file. PRT session keys are
 * keyed-hash objects under the same SRK ({@link TpmSessionKeys}).
 */
final class TpmKeyStorage implements KeyStorage {
    private final TpmContext tpm;
    private final KeyFiles files;
    private final TpmSessionKeys sessionKeys;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set once the TPM's own RSAPSS is found to use a salt other than 32 bytes: PSS is then encoded here. */
    private volatile boolean pssInJava;

    TpmKeyStorage(TpmContext tpm, KeyFiles files, KeyFiles sessionKeyFiles) {
        this.tpm = tpm;
        this.files = files;
        this.sessionKeys = new TpmSessionKeys(tpm, sessionKeyFiles);
    }

    /** For tests: always PSS-encode in Java and sign with the TPM's raw RSA operation. */
    TpmKeyStorage pssInJava() {
        pssInJava = true;
        return this;
    }

    TpmContext context() {
        return tpm;
    }

    @Override
    public String name() {
        return TpmKeyStorageProvider.NAME;
    }

    @Override
    public KeyProtection protection() {
        checkOpen();
        TpmContext.Info info;
        try {
            info = tpm.info();
        } catch (TssException e) {
            throw new KeyStorageException(TpmErrors.unavailable(tpm.tcti(), e), e);
        }
        return new KeyProtection("TPM 2.0 (" + info.manufacturer() + ")", true,
                "manufacturer " + info.manufacturer() + ", firmware " + info.firmware());
    }

    @Override
    public Optional<PublicKey> publicKey(String alias) {
        checkOpen();
        KeyFiles.checkAlias(alias);
        return files.readPublic(alias).map(pub -> parsePublic(alias, pub).toPublicKey());
    }

    @Override
    public PublicKey generate(String alias) {
        checkOpen();
        KeyFiles.checkAlias(alias);
        if (files.exists(alias)) {
            throw files.alreadyExists(alias);
        }
        TpmContext.Blobs blobs;
        try {
            blobs = tpm.create();
        } catch (TssException e) {
            throw TpmErrors.forKey(alias, "create", e);
        }
        Structures.RsaPublicArea area;
        try {
            area = Structures.RsaPublicArea.parse(blobs.tpm2bPublic());
            Structures.checkPrivate(blobs.tpm2bPrivate());
        } catch (Wire.FormatException e) {
            throw new KeyStorageException("the TPM returned an unusable key for '" + alias + "': " + e.getMessage(), e);
        }
        if (area.keyBits() != Tpm2.RSA_BITS || area.effectiveExponent() != Tpm2.DEFAULT_EXPONENT) {
            throw new KeyStorageException("the TPM made a key for '" + alias + "' other than RSA-2048 with exponent 65537");
        }
        files.create(alias, blobs);
        return area.toPublicKey();
    }

    @Override
    public byte[] sign(String alias, SignatureScheme scheme, byte[] data) {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(data, "data");
        checkOpen();
        KeyFiles.checkAlias(alias);
        TpmContext.Blobs blobs = blobs(alias);
        Structures.RsaPublicArea area = parsePublic(alias, blobs.tpm2bPublic());
        byte[] digest = Structures.sha256(data);
        int length = area.modulus().length;
        try {
            if (scheme == SignatureScheme.RSA_PKCS1_SHA256) {
                return Pss.leftPad(tpm.sign(blobs, Tpm2.ALG_RSASSA, digest), length);
            }
            RSAPublicKey key = area.toPublicKey();
            if (!pssInJava) {
                byte[] sig = Pss.leftPad(tpm.sign(blobs, Tpm2.ALG_RSAPSS, digest), length);
                if (Pss.verify(key, data, sig)) {
                    return sig;
                }
                pssInJava = true; // this TPM's PSS salt is not 32 bytes
            }
            if ((area.attributes() & Tpm2.DECRYPT) == 0) {
                throw new KeyStorageException("cannot sign with TPM key '" + alias + "' in RSA-PSS with a 32-byte salt:"
                        + " this TPM uses another salt length and the key cannot decrypt");
            }
            byte[] sig = Pss.leftPad(tpm.decrypt(blobs, Pss.encode(digest, area.keyBits()), true), length);
            if (!Pss.verify(key, data, sig)) {
                throw new KeyStorageException("the TPM made an invalid RSA-PSS signature with key '" + alias + "'");
            }
            return sig;
        } catch (TssException e) {
            throw TpmErrors.forKey(alias, "sign with", e);
        } catch (Wire.FormatException | IllegalArgumentException e) {
            throw new KeyStorageException("cannot sign with TPM key '" + alias + "': unexpected answer from the TPM ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public byte[] decrypt(String alias, byte[] ciphertext) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        checkOpen();
        KeyFiles.checkAlias(alias);
        TpmContext.Blobs blobs = blobs(alias);
        Structures.RsaPublicArea area = parsePublic(alias, blobs.tpm2bPublic());
        int length = area.modulus().length;
        if (ciphertext.length == 0 || ciphertext.length > length) {
            throw new KeyStorageException("cannot decrypt with TPM key '" + alias + "': the ciphertext has "
                    + ciphertext.length + " bytes, the key's modulus " + length);
        }
        byte[] block = ciphertext.length == length ? ciphertext : Pss.leftPad(ciphertext, length);
        try {
            return tpm.decrypt(blobs, block, false);
        } catch (TssException e) {
            // TPMs answer a bad OAEP padding with TPM_RC_VALUE; libtpms (swtpm) with TPM_RC_FAILURE, and
            // stays usable: a TPM really in failure mode fails every later command too.
            int base = e.tpmBase();
            if (base == Tpm2.RC_VALUE || base == Tpm2.RC_SIZE || base == Tpm2.RC_FAILURE) {
                throw new KeyStorageException("the ciphertext does not decrypt with TPM key '" + alias
                        + "' (RSA-OAEP with SHA-1): " + TpmErrors.describe(e.rc()), e);
            }
            throw TpmErrors.forKey(alias, "decrypt with", e);
        } catch (Wire.FormatException e) {
            throw new KeyStorageException("cannot decrypt with TPM key '" + alias + "': unexpected answer from the TPM ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public boolean delete(String alias) {
        checkOpen();
        KeyFiles.checkAlias(alias);
        return files.delete(alias);
    }

    @Override
    public List<String> aliases() {
        checkOpen();
        return files.aliases();
    }

    @Override
    public void importSessionKey(String alias, byte[] sessionKey) {
        checkOpen();
        sessionKeys.importKey(alias, sessionKey);
    }

    @Override
    public byte[] sessionKeyHmac(String alias, byte[] message) {
        checkOpen();
        return sessionKeys.hmac(alias, message);
    }

    @Override
    public boolean deleteSessionKey(String alias) {
        checkOpen();
        return sessionKeys.delete(alias);
    }

    @Override
    public List<String> sessionKeyAliases() {
        checkOpen();
        return sessionKeys.aliases();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            tpm.release();
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new KeyStorageException("the TPM key storage is closed");
        }
    }

    private TpmContext.Blobs blobs(String alias) {
        TpmContext.Blobs blobs = files.read(alias).orElseThrow(() -> new KeyStorageException(
                "no TPM key named '" + alias + "' in " + files.directory()));
        try {
            Structures.checkPrivate(blobs.tpm2bPrivate());
        } catch (Wire.FormatException e) {
            throw damaged(alias, files.privateFile(alias).getFileName().toString(), e);
        }
        return blobs;
    }

    private Structures.RsaPublicArea parsePublic(String alias, byte[] pub) {
        try {
            return Structures.RsaPublicArea.parse(pub);
        } catch (Wire.FormatException e) {
            throw damaged(alias, files.publicFile(alias).getFileName().toString(), e);
        }
    }

    private KeyStorageException damaged(String alias, String file, Wire.FormatException e) {
        return new KeyStorageException("TPM key '" + alias + "' is damaged: " + file + " is not a TPM key blob ("
                + e.getMessage() + "); delete the key and create a new one", e);
    }
}
