package org.dsreg.testkit.prt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.KDFCounterBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KDFCounterParameters;

/**
 * The session-key KDF as the service computes it, with BouncyCastle's NIST SP 800-108 counter-mode generator
 * (HMAC-SHA256, 32-bit counter before the fixed input, label "AzureAD-SecureConversation", a zero byte, the context,
 * the output length 256 as 32 bits).
 */
public final class ServiceKdf {
    private static final int KEY_BYTES = 32;

    private ServiceKdf() {
    }

    /** The derived key for {@code context} (KDF v1: context = ctx). */
    public static byte[] derive(byte[] sessionKey, byte[] context) {
        ByteArrayOutputStream fixed = new ByteArrayOutputStream();
        fixed.writeBytes("AzureAD-SecureConversation".getBytes(StandardCharsets.US_ASCII));
        fixed.write(0);
        fixed.writeBytes(context);
        fixed.writeBytes(new byte[] {0, 0, 1, 0});
        KDFCounterBytesGenerator kdf = new KDFCounterBytesGenerator(new HMac(new SHA256Digest()));
        kdf.init(new KDFCounterParameters(sessionKey, new byte[0], fixed.toByteArray(), 32));
        byte[] out = new byte[KEY_BYTES];
        kdf.generateBytes(out, 0, out.length);
        return out;
    }

    /** The derived key of KDF v2: context = SHA-256(ctx ‖ payload bytes). */
    public static byte[] deriveV2(byte[] sessionKey, byte[] ctx, byte[] payload) {
        SHA256Digest sha256 = new SHA256Digest();
        sha256.update(ctx, 0, ctx.length);
        sha256.update(payload, 0, payload.length);
        byte[] context = new byte[sha256.getDigestSize()];
        sha256.doFinal(context, 0);
        return derive(sessionKey, context);
    }
}
