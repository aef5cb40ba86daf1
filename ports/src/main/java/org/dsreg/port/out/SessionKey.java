package org.dsreg.port.out;

/**
 * A PRT session key as the token exchange uses it: HMAC-SHA256 under the key, the one operation the session-key
 * KDF needs. The key itself may stay inside a key-storage backend ({@code KeyStorage.sessionKeyHmac}) or be held
 * by dsreg; callers see only this function.
 */
@FunctionalInterface
public interface SessionKey {
    /** HMAC-SHA256 of {@code message} under the session key (32 bytes). */
    byte[] hmacSha256(byte[] message);
}
