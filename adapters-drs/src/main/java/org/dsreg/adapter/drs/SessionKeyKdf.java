package org.dsreg.adapter.drs;

import org.dsreg.port.out.SessionKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The PRT session key's KDF: NIST SP 800-108 in counter mode with HMAC-SHA256 as PRF, one 256-bit block:
 * {@code HMAC(sessionKey, 00000001 ‖ "AzureAD-SecureConversation" ‖ 00 ‖ context ‖ 00000100)}. The HMAC is the
 * {@link SessionKey}'s, so the session key may stay inside a backend. See docs/protocol.md "PRT session key".
 */
final class SessionKeyKdf {
    static final byte[] LABEL = "AzureAD-SecureConversation".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COUNTER_ONE = {0, 0, 0, 1};
    private static final byte[] LENGTH_256_BITS = {0, 0, 1, 0};

    /** How the KDF's context is made from the header's {@code ctx}. */
    enum Version {
        /** Context = ctx (libhimmelblau; no {@code kdf_ver} in the header). */
        V1,
        /** Context = SHA-256(ctx ‖ payload bytes) (ROADtools; header {@code kdf_ver: 2}). */
        V2
    }

    private SessionKeyKdf() {
    }

    /**
     * The derived key for a message.
     *
     * @param ctx     the header's {@code ctx}, decoded
     * @param payload the payload bytes (v2 only; see {@link #context}); ignored by v1
     */
    static byte[] derive(SessionKey sessionKey, Version version, byte[] ctx, byte[] payload) {
        return derive(sessionKey, context(version, ctx, payload));
    }

    /** The KDF itself, for a context already made. */
    static byte[] derive(SessionKey sessionKey, byte[] context) {
        return sessionKey.hmacSha256(fixedInput(context));
    }

    /** The KDF's context: ctx itself (v1), or SHA-256(ctx ‖ payload) (v2). */
    static byte[] context(Version version, byte[] ctx, byte[] payload) {
        if (version == Version.V1) {
            return ctx.clone();
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(ctx);
            sha256.update(payload);
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The PRF's input for the first (only) block: counter, label, separator, context, length in bits. */
    static byte[] fixedInput(byte[] context) {
        ByteArrayOutputStream in = new ByteArrayOutputStream(4 + LABEL.length + 1 + context.length + 4);
        in.writeBytes(COUNTER_ONE);
        in.writeBytes(LABEL);
        in.write(0);
        in.writeBytes(context);
        in.writeBytes(LENGTH_256_BITS);
        return in.toByteArray();
    }
}
