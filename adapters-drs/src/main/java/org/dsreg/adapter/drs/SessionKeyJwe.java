package org.dsreg.adapter.drs;

import org.dsreg.port.out.SessionKey;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.BAD_LENGTH;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.MALFORMED;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.UNSUPPORTED_ALGORITHM;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.UNSUPPORTED_ENCRYPTION;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.UNSUPPORTED_KDF_VERSION;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The two compact JWEs the token endpoint sends a PRT client (docs/protocol.md "PRT session key"):
 * <ul>
 *   <li>{@code session_key_jwe} ({@code alg RSA-OAEP}, {@code enc A256GCM}): the session key is its <em>encrypted
 *   key</em>, RSA-OAEP (SHA-1, MGF1-SHA-1, empty label) to the transport key, decrypted by the key-storage port;
 *   its content is not used (as ROADtools and libhimmelblau);</li>
 *   <li>replies to session-key-signed requests ({@code alg dir}, {@code enc A256GCM}, {@code ctx}): encrypted
 *   with the key derived (KDF v1) from the session key and {@code ctx}; AES-256-GCM with the protected header
 *   segment as AAD when the IV is 12 bytes, AES-256-CBC with PKCS#7 padding and no tag when it is 16.</li>
 * </ul>
 */
final class SessionKeyJwe {
    private static final int GCM_IV = 12;
    private static final int CBC_IV = 16;

    private SessionKeyJwe() {
    }

    /**
     * The session key a {@code session_key_jwe} carries.
     *
     * @param transportKeyDecrypt RSA-OAEP decryption with the transport key, as {@code KeyStorage.decrypt(alias, …)}
     *                            (its {@code KeyStorageException} passes through)
     * @return the 32-byte session key
     */
    static byte[] sessionKey(String jwe, UnaryOperator<byte[]> transportKeyDecrypt) {
        String[] parts = JoseSegments.split(jwe, 5, "the session_key_jwe");
        JsonNode header = JoseSegments.header(parts[0]);
        JoseSegments.require(header, "alg", "RSA-OAEP", UNSUPPORTED_ALGORITHM);
        JoseSegments.require(header, "enc", "A256GCM", UNSUPPORTED_ENCRYPTION);
        byte[] encryptedKey = JoseSegments.base64url(parts[1], "encrypted key");
        JoseSegments.base64url(parts[2], "IV");
        JoseSegments.base64url(parts[3], "ciphertext");
        JoseSegments.base64url(parts[4], "authentication tag");
        if (encryptedKey.length == 0) {
            throw new SessionKeyCryptoException(MALFORMED, "the session_key_jwe has no encrypted key");
        }
        byte[] sessionKey = transportKeyDecrypt.apply(encryptedKey);
        if (sessionKey.length != InMemorySessionKey.LENGTH) {
            int length = sessionKey.length;
            Arrays.fill(sessionKey, (byte) 0);
            throw new SessionKeyCryptoException(BAD_LENGTH, "the session_key_jwe holds a " + length
                    + "-byte key, not the " + InMemorySessionKey.LENGTH + " bytes of A256GCM");
        }
        return sessionKey;
    }

    /**
     * The plaintext of a reply encrypted under the session key (the token endpoint's JSON, as bytes).
     *
     * @param sessionKey the PRT's session key
     */
    static byte[] decryptReply(String jwe, SessionKey sessionKey) {
        String[] parts = JoseSegments.split(jwe, 5, "the encrypted reply");
        JsonNode header = JoseSegments.header(parts[0]);
        JoseSegments.require(header, "alg", "dir", UNSUPPORTED_ALGORITHM);
        JoseSegments.require(header, "enc", "A256GCM", UNSUPPORTED_ENCRYPTION);
        if (JoseSegments.kdfVersion(header) != SessionKeyKdf.Version.V1) {
            throw new SessionKeyCryptoException(UNSUPPORTED_KDF_VERSION,
                    "the encrypted reply's header asks for kdf_ver 2; a reply's key is derived from ctx alone");
        }
        byte[] ctx = JoseSegments.ctx(header);
        if (!parts[1].isEmpty()) {
            throw new SessionKeyCryptoException(MALFORMED, "the encrypted reply (alg dir) carries an encrypted key");
        }
        byte[] iv = JoseSegments.base64url(parts[2], "IV");
        byte[] ciphertext = JoseSegments.base64url(parts[3], "ciphertext");
        byte[] tag = JoseSegments.base64url(parts[4], "authentication tag");
        if (iv.length != GCM_IV && iv.length != CBC_IV) {
            throw new SessionKeyCryptoException(UNSUPPORTED_ENCRYPTION, "the encrypted reply's IV is " + iv.length
                    + " bytes: neither AES-GCM (12) nor AES-CBC (16)");
        }
        byte[] key = SessionKeyKdf.derive(sessionKey, SessionKeyKdf.Version.V1, ctx, null);
        try {
            return iv.length == GCM_IV
                    ? ReplyCiphers.gcm(key, iv, ciphertext, tag, parts[0].getBytes(StandardCharsets.US_ASCII))
                    : ReplyCiphers.cbc(key, iv, ciphertext, tag);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
