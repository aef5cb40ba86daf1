package org.dsreg.adapter.drs;

/**
 * HMAC-SHA256 keyed with a PRT session key: the one operation the session-key KDF needs. The key may be held in
 * memory ({@link InMemorySessionKey}) or inside a key-storage backend (a TPM keyed-hash object: issue 14, "Where
 * the secrets live"); callers see only this function.
 */
@FunctionalInterface
interface SessionKeyHmac {
    /** HMAC-SHA256 of {@code message} under the session key (32 bytes). */
    byte[] hmacSha256(byte[] message);
}
