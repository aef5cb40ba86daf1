package org.dsreg.adapter.drs;

import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.BAD_LENGTH;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.DOES_NOT_DECRYPT;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.MALFORMED;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.NOT_BASE64;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.UNSUPPORTED_ALGORITHM;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.UNSUPPORTED_ENCRYPTION;
import static org.dsreg.adapter.drs.SessionKeyCryptoException.Reason.UNSUPPORTED_KDF_VERSION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import org.dsreg.domain.ErrorKind;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.testkit.prt.SessionKeyJweWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The session_key_jwe and the encrypted replies, written by the test kit's service side; every refusal's reason. */
class SessionKeyJweTest {
    static final byte[] SESSION_KEY = SessionKeyKdfTest.bytes(32, 31);
    static final byte[] CTX = SessionKeyKdfTest.bytes(24, 32);
    static final byte[] PLAINTEXT = "{\"token_type\":\"pop\",\"refresh_token\":\"secret-prt\"}"
            .getBytes(StandardCharsets.UTF_8);
    static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    final MemoryKeyStorage storage = new MemoryKeyStorage();
    final UnaryOperator<byte[]> transportKey = c -> storage.decrypt("transport", c);

    String sessionKeyJwe(byte[] key) {
        return SessionKeyJweWriter.sessionKeyJwe(storage.publicKey("transport").orElseGet(
                () -> storage.generate("transport")), key, new SecureRandom());
    }

    static String gcmReply() {
        return SessionKeyJweWriter.gcmReply(SESSION_KEY, CTX, SessionKeyKdfTest.bytes(12, 33), PLAINTEXT);
    }

    static String cbcReply() {
        return SessionKeyJweWriter.cbcReply(SESSION_KEY, CTX, SessionKeyKdfTest.bytes(16, 34), PLAINTEXT);
    }

    static String withSegment(String compact, int index, String segment) {
        String[] parts = compact.split("\\.", -1);
        parts[index] = segment;
        return String.join(".", parts);
    }

    static String withHeader(String compact, String json) {
        return withSegment(compact, 0, B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] decrypt(String reply) {
        return SessionKeyJwe.decryptReply(reply, new InMemorySessionKey(SESSION_KEY));
    }

    static void refused(SessionKeyCryptoException.Reason reason, Executable action) {
        SessionKeyCryptoException e = assertThrows(SessionKeyCryptoException.class, action);
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        String message = e.getMessage();
        for (byte[] secret : new byte[][] {SESSION_KEY, PLAINTEXT}) {
            assertFalse(message.contains(HexFormat.of().formatHex(secret))
                    || message.contains(Base64.getEncoder().encodeToString(secret))
                    || message.contains(B64URL.encodeToString(secret))
                    || message.contains(new String(secret, StandardCharsets.ISO_8859_1)), message);
        }
    }

    @Test
    void theSessionKeyIsTheEncryptedKeyDecryptedByTheTransportKey() {
        assertArrayEquals(SESSION_KEY, SessionKeyJwe.sessionKey(sessionKeyJwe(SESSION_KEY), transportKey));
    }

    @Test
    void sessionKeyJweRefusals() {
        String jwe = sessionKeyJwe(SESSION_KEY);
        refused(MALFORMED, () -> SessionKeyJwe.sessionKey(jwe.substring(0, jwe.lastIndexOf('.')), transportKey));
        refused(MALFORMED, () -> SessionKeyJwe.sessionKey(withSegment(jwe, 1, ""), transportKey));
        refused(NOT_BASE64, () -> SessionKeyJwe.sessionKey(withSegment(jwe, 1, "ab+/"), transportKey));
        refused(NOT_BASE64, () -> SessionKeyJwe.sessionKey(withSegment(jwe, 2, "AAAA=="), transportKey));
        refused(MALFORMED, () -> SessionKeyJwe.sessionKey(withSegment(jwe, 0, B64URL.encodeToString(
                "not json".getBytes(StandardCharsets.US_ASCII))), transportKey));
        refused(MALFORMED, () -> SessionKeyJwe.sessionKey(withHeader(jwe, "[1]"), transportKey));
        refused(UNSUPPORTED_ALGORITHM, () -> SessionKeyJwe.sessionKey(withHeader(jwe,
                "{\"enc\":\"A256GCM\",\"alg\":\"RSA1_5\"}"), transportKey));
        refused(UNSUPPORTED_ALGORITHM, () -> SessionKeyJwe.sessionKey(withHeader(jwe, "{\"enc\":\"A256GCM\"}"),
                transportKey));
        refused(UNSUPPORTED_ENCRYPTION, () -> SessionKeyJwe.sessionKey(withHeader(jwe,
                "{\"enc\":\"A128GCM\",\"alg\":\"RSA-OAEP\"}"), transportKey));
        refused(BAD_LENGTH, () -> SessionKeyJwe.sessionKey(sessionKeyJwe(new byte[16]), transportKey));
    }

    /** Another transport key: the port's own refusal passes through, as a failed query. */
    @Test
    void aSessionKeyJweForAnotherTransportKeyIsTheKeyStoragesRefusal() {
        String jwe = sessionKeyJwe(SESSION_KEY);
        storage.generate("other");
        KeyStorageException e = assertThrows(KeyStorageException.class,
                () -> SessionKeyJwe.sessionKey(jwe, c -> storage.decrypt("other", c)));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
    }

    @Test
    void bothReplyFormsDecrypt() {
        assertArrayEquals(PLAINTEXT, decrypt(gcmReply()));
        assertArrayEquals(PLAINTEXT, decrypt(cbcReply()));
    }

    @Test
    void aReplyUnderAnotherSessionKeyOrAlteredDoesNotDecrypt() {
        InMemorySessionKey other = new InMemorySessionKey(SessionKeyKdfTest.bytes(32, 35));
        refused(DOES_NOT_DECRYPT, () -> SessionKeyJwe.decryptReply(gcmReply(), other));
        refused(DOES_NOT_DECRYPT, () -> SessionKeyJwe.decryptReply(cbcReply(), other));
        String gcm = gcmReply();
        String[] parts = gcm.split("\\.", -1);
        byte[] tag = Base64.getUrlDecoder().decode(parts[4]);
        tag[0] ^= 1;
        refused(DOES_NOT_DECRYPT, () -> decrypt(withSegment(gcm, 4, B64URL.encodeToString(tag))));
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        refused(DOES_NOT_DECRYPT, () -> decrypt(withHeader(gcm, header.replace("{", "{ "))));
    }

    @Test
    void replyRefusals() {
        String gcm = gcmReply();
        String ctx = Base64.getEncoder().encodeToString(CTX);
        refused(MALFORMED, () -> decrypt(gcm + "."));
        refused(MALFORMED, () -> decrypt(withSegment(gcm, 1, "AAAA")));
        refused(MALFORMED, () -> decrypt(withHeader(gcm, "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}")));
        refused(NOT_BASE64, () -> decrypt(withSegment(gcm, 3, "*")));
        refused(NOT_BASE64, () -> decrypt(withHeader(gcm, "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"ctx\":\"-_-_\"}")));
        refused(UNSUPPORTED_ALGORITHM, () -> decrypt(withHeader(gcm,
                "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"ctx\":\"" + ctx + "\"}")));
        refused(UNSUPPORTED_ENCRYPTION, () -> decrypt(withHeader(gcm,
                "{\"alg\":\"dir\",\"enc\":\"A256CBC-HS512\",\"ctx\":\"" + ctx + "\"}")));
        refused(UNSUPPORTED_KDF_VERSION, () -> decrypt(withHeader(gcm,
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"ctx\":\"" + ctx + "\",\"kdf_ver\":2}")));
        refused(UNSUPPORTED_KDF_VERSION, () -> decrypt(withHeader(gcm,
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"ctx\":\"" + ctx + "\",\"kdf_ver\":\"1\"}")));
        refused(BAD_LENGTH, () -> decrypt(withHeader(gcm, "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"ctx\":\""
                + Base64.getEncoder().encodeToString(new byte[8]) + "\"}")));
        refused(UNSUPPORTED_ENCRYPTION, () -> decrypt(withSegment(gcm, 2, B64URL.encodeToString(new byte[13]))));
        refused(BAD_LENGTH, () -> decrypt(withSegment(gcm, 4, B64URL.encodeToString(new byte[15]))));
        String cbc = cbcReply();
        refused(BAD_LENGTH, () -> decrypt(withSegment(cbc, 4, B64URL.encodeToString(new byte[16]))));
        refused(BAD_LENGTH, () -> decrypt(withSegment(cbc, 3, B64URL.encodeToString(new byte[15]))));
    }

    /** kdf_ver 1 written out is v1, as its absence is. */
    @Test
    void anExplicitKdfVersion1IsVersion1() {
        String gcm = SessionKeyJweWriter.gcmReply(SESSION_KEY, CTX, new byte[12], PLAINTEXT);
        String header = new String(Base64.getUrlDecoder().decode(gcm.split("\\.")[0]), StandardCharsets.UTF_8);
        String v1 = withHeader(gcm, header.replace("}", ",\"kdf_ver\":1}"));
        refused(DOES_NOT_DECRYPT, () -> decrypt(v1)); // the header is the AAD: changed, the tag no longer verifies
        String cbc = SessionKeyJweWriter.cbcReply(SESSION_KEY, CTX, new byte[16], PLAINTEXT);
        String cbcHeader = new String(Base64.getUrlDecoder().decode(cbc.split("\\.")[0]), StandardCharsets.UTF_8);
        assertArrayEquals(PLAINTEXT, decrypt(withHeader(cbc, cbcHeader.replace("}", ",\"kdf_ver\":1}"))));
    }
}
