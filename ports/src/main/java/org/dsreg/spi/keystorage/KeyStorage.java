package org.dsreg.spi.keystorage;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.KeyProtection;

/**
 * A place where device keys live (key files, a TPM, an HSM, a cloud KMS). Keys are RSA-2048 and
 * named by an alias unique within the storage. Private key material never crosses this interface.
 * A storage is safe for use by several threads. Backends are found through
 * {@link KeyStorageProvider}; {@code testkit}'s {@code KeyStorageContract} is the contract test a
 * backend passes.
 */
public interface KeyStorage extends AutoCloseable {
    /** The backend's name, as used by {@code --key-storage} and in {@link org.dsreg.domain.KeyRef}. */
    String name();

    /** How keys in this storage are protected (shown as KeyProvider and TpmProtected). */
    KeyProtection protection();

    /**
     * The public key of the key with this alias, or empty when there is no such key.
     *
     * @throws KeyStorageException when the storage cannot be asked or the key is unusable
     */
    Optional<PublicKey> publicKey(String alias);

    /**
     * Creates a new RSA-2048 key (public exponent 65537) under this alias and returns its public
     * key. An existing key with the alias is never replaced: that is a {@link KeyStorageException}.
     */
    PublicKey generate(String alias);

    /**
     * Signs {@code data} (the message itself, not a digest) with the key, in the given scheme.
     *
     * @throws KeyStorageException when there is no such key or the storage cannot sign
     */
    byte[] sign(String alias, SignatureScheme scheme, byte[] data);

    /**
     * Decrypts RSA-OAEP ({@code SHA-1}, MGF1-SHA-1, empty label) with the key: how the PRT session
     * key is sent to the device's transport key.
     *
     * @throws KeyStorageException when there is no such key, or the ciphertext does not decrypt
     */
    byte[] decrypt(String alias, byte[] ciphertext);

    /**
     * Imports a PRT session key (32 bytes; the caller clears its copy afterwards) under a new alias, for
     * backends with {@link KeyStorageCapability#SESSION_KEY_HMAC}. Session-key aliases are a namespace of their
     * own, apart from {@link #aliases()}. An existing session key with the alias is never replaced: that is a
     * {@link KeyStorageException}.
     *
     * @throws KeyStorageException when the backend lacks the capability, the key is not 32 bytes, or the alias is
     *     taken
     */
    default void importSessionKey(String alias, byte[] sessionKey) {
        throw new KeyStorageException("the key storage '" + name() + "' cannot keep PRT session keys");
    }

    /**
     * HMAC-SHA256 of {@code message} under the session key of this alias (32 bytes): the one operation the
     * session-key KDF needs (NIST SP 800-108 counter mode, one block).
     *
     * @throws KeyStorageException when there is no such session key or the backend lacks the capability
     */
    default byte[] sessionKeyHmac(String alias, byte[] message) {
        throw new KeyStorageException("the key storage '" + name() + "' cannot keep PRT session keys");
    }

    /** Deletes the session key with this alias; false when there was none (or the backend keeps none). */
    default boolean deleteSessionKey(String alias) {
        return false;
    }

    /** The aliases of the session keys in this storage, sorted; empty for a backend that keeps none. */
    default List<String> sessionKeyAliases() {
        return List.of();
    }

    /** Deletes the key with this alias; false when there was none. */
    boolean delete(String alias);

    /** The aliases of the keys in this storage, sorted. */
    List<String> aliases();

    /** Releases what the storage holds open (a TPM context, a session). Idempotent. */
    @Override
    default void close() {
    }
}
