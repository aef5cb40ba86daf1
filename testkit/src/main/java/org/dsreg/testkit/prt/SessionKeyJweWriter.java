package org.dsreg.testkit.prt;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * The compact JWEs the token service sends a PRT client: the {@code session_key_jwe} and the replies encrypted
 * under a key derived from the session key (AES-256-GCM with the protected header segment as AAD, or AES-256-CBC
 * with PKCS#7 padding and an empty tag).
 */
public final class SessionKeyJweWriter {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String SESSION_KEY_HEADER = "{\"enc\":\"A256GCM\",\"alg\":\"RSA-OAEP\"}";

    private SessionKeyJweWriter() {
    }

    /**
     * A {@code session_key_jwe}: the session key RSA-OAEP-encrypted (SHA-1, MGF1-SHA-1, empty label) to the
     * transport key as the JWE's encrypted key; its content, as in the MS-OAPXBC sample kanidm/compact-jwt tests
     * with, is one space encrypted with AES-256-GCM under the session key and an empty AAD.
     */
    public static String sessionKeyJwe(PublicKey transportKey, byte[] sessionKey, SecureRandom random) {
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
            rsa.init(Cipher.ENCRYPT_MODE, transportKey, new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
                    PSource.PSpecified.DEFAULT), random);
            byte[] encryptedKey = rsa.doFinal(sessionKey);
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            byte[] sealed = gcm(sessionKey, iv, new byte[0], " ".getBytes(StandardCharsets.US_ASCII));
            return B64URL.encodeToString(SESSION_KEY_HEADER.getBytes(StandardCharsets.US_ASCII)) + "."
                    + B64URL.encodeToString(encryptedKey) + "." + B64URL.encodeToString(iv) + "." + content(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write a session_key_jwe", e);
        }
    }

    /** A reply in the AES-GCM form: {@code iv} 12 bytes, key derived (v1) from the session key and {@code ctx}. */
    public static String gcmReply(byte[] sessionKey, byte[] ctx, byte[] iv, byte[] plaintext) {
        String header = replyHeader(ctx);
        try {
            byte[] sealed = gcm(ServiceKdf.derive(sessionKey, ctx), iv, header.getBytes(StandardCharsets.US_ASCII),
                    plaintext);
            return header + ".." + B64URL.encodeToString(iv) + "." + content(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a reply", e);
        }
    }

    /** A reply in the AES-CBC form: {@code iv} 16 bytes, PKCS#7 padding, an empty tag segment. */
    public static String cbcReply(byte[] sessionKey, byte[] ctx, byte[] iv, byte[] plaintext) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(ServiceKdf.derive(sessionKey, ctx), "AES"),
                    new IvParameterSpec(iv));
            return replyHeader(ctx) + ".." + B64URL.encodeToString(iv) + "."
                    + B64URL.encodeToString(aes.doFinal(plaintext)) + ".";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a reply", e);
        }
    }

    /** The protected header segment of a reply: {@code {"alg":"dir","enc":"A256GCM","ctx":…}}, base64url. */
    private static String replyHeader(byte[] ctx) {
        String json = "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"ctx\":\"" + Base64.getEncoder().encodeToString(ctx) + "\"}";
        return B64URL.encodeToString(json.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] gcm(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        aes.updateAAD(aad);
        return aes.doFinal(plaintext);
    }

    /** Ciphertext and tag segments of a GCM result (the tag is its last 16 bytes). */
    private static String content(byte[] sealed) {
        int split = sealed.length - 16;
        return B64URL.encodeToString(Arrays.copyOf(sealed, split)) + "."
                + B64URL.encodeToString(Arrays.copyOfRange(sealed, split, sealed.length));
    }
}
