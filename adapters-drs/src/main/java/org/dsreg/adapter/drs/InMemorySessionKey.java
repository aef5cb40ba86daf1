package org.dsreg.adapter.drs;

import org.dsreg.port.out.SessionKey;
import java.util.Arrays;

/** A PRT session key held in memory: 32 bytes, as the {@code session_key_jwe} (A256GCM) gives it. */
final class InMemorySessionKey implements SessionKey {
    static final int LENGTH = 32;

    private final byte[] key;

    /**
     * @param sessionKey the 32 bytes of the session key (copied)
     * @throws SessionKeyCryptoException {@code BAD_LENGTH} for any other length
     */
    InMemorySessionKey(byte[] sessionKey) {
        if (sessionKey.length != LENGTH) {
            throw new SessionKeyCryptoException(SessionKeyCryptoException.Reason.BAD_LENGTH,
                    "the PRT session key is " + sessionKey.length + " bytes, not " + LENGTH);
        }
        this.key = Arrays.copyOf(sessionKey, LENGTH);
    }

    @Override
    public byte[] hmacSha256(byte[] message) {
        return SessionKey.hmacSha256(key, message);
    }

    @Override
    public String toString() {
        return "InMemorySessionKey[hidden]";
    }
}
