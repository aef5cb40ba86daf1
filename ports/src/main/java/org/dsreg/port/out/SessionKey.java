package org.dsreg.port.out;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A PRT session key as the token exchange uses it: HMAC-SHA256 under the key, the one operation the session-key
 * KDF needs. The key itself may stay inside a key-storage backend ({@code KeyStorage.sessionKeyHmac}) or be held
 * by dsreg; callers see only this function.
 */
@FunctionalInterface
public interface SessionKey {
    /** HMAC-SHA256 of {@code message} under the session key (32 bytes). */
    byte[] hmacSha256(byte[] message);

    /** A session key dsreg holds itself (a copy of {@code key}), as a PRT file keeps it for a backend without one. */
    static SessionKey inMemory(byte[] key) {
        byte[] copy = key.clone();
        return message -> hmacSha256(copy, message);
    }

    /** HMAC-SHA256 under a key given as bytes: the JDK's, which every Java has. */
    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
