package org.dsreg.adapter.drs;

import org.dsreg.port.out.SessionKey;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A PRT session key held in memory: 32 bytes, as the {@code session_key_jwe} (A256GCM) gives it. */
final class InMemorySessionKey implements SessionKey {
    static final int LENGTH = 32;

    private final SecretKeySpec key;

    /**
     * @param sessionKey the 32 bytes of the session key (copied)
     * @throws SessionKeyCryptoException {@code BAD_LENGTH} for any other length
     */
    InMemorySessionKey(byte[] sessionKey) {
        if (sessionKey.length != LENGTH) {
            throw new SessionKeyCryptoException(SessionKeyCryptoException.Reason.BAD_LENGTH,
                    "the PRT session key is " + sessionKey.length + " bytes, not " + LENGTH);
        }
        this.key = new SecretKeySpec(Arrays.copyOf(sessionKey, LENGTH), "HmacSHA256");
    }

    @Override
    public byte[] hmacSha256(byte[] message) {
        return hmac(key, message);
    }

    /** HMAC-SHA256 with a JDK key; the JDK always has it. */
    static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "InMemorySessionKey[hidden]";
    }
}
