package org.dsreg.adapter.drs;

import org.dsreg.port.out.SessionKey;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.dsreg.domain.ErrorKind;
import org.dsreg.testkit.prt.ServiceKdf;
import org.junit.jupiter.api.Test;

/**
 * The SP 800-108 KDF of the PRT session key, against the test kit's service side (BouncyCastle's counter-mode
 * generator, another implementation) and byte for byte in its fixed input. The Python cross-check is
 * {@code SessionKeyCryptoPythonIT}.
 */
class SessionKeyKdfTest {
    private static final HexFormat HEX = HexFormat.of();

    static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void theFixedInputIsCounterLabelZeroContextAndLength() {
        byte[] context = {(byte) 0xc0, (byte) 0xff, (byte) 0xee};
        String expected = "00000001" + HEX.formatHex("AzureAD-SecureConversation".getBytes(StandardCharsets.US_ASCII))
                + "00" + "c0ffee" + "00000100";
        assertEquals(expected, HEX.formatHex(SessionKeyKdf.fixedInput(context)));
    }

    @Test
    void version1MatchesTheServiceSideForManyKeysAndContexts() {
        for (int seed = 0; seed < 20; seed++) {
            byte[] key = bytes(32, seed);
            byte[] ctx = bytes(16 + seed, 100 + seed);
            assertArrayEquals(ServiceKdf.derive(key, ctx),
                    SessionKeyKdf.derive(new InMemorySessionKey(key), SessionKeyKdf.Version.V1, ctx, null),
                    "seed " + seed);
        }
    }

    @Test
    void version2HashesCtxThenThePayloadBytesAndMatchesTheServiceSide() throws Exception {
        byte[] key = bytes(32, 7);
        byte[] ctx = bytes(24, 8);
        byte[] payload = "{\"request_nonce\":\"n\", \"scope\":\"openid aza\"}".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(ctx);
        byte[] expectedContext = sha.digest(payload);
        assertArrayEquals(expectedContext, SessionKeyKdf.context(SessionKeyKdf.Version.V2, ctx, payload));
        byte[] derived = SessionKeyKdf.derive(new InMemorySessionKey(key), SessionKeyKdf.Version.V2, ctx, payload);
        assertArrayEquals(ServiceKdf.deriveV2(key, ctx, payload), derived);
        assertFalse(MessageDigest.isEqual(derived, SessionKeyKdf.derive(new InMemorySessionKey(key),
                SessionKeyKdf.Version.V2, ctx, "{\"request_nonce\":\"n\",\"scope\":\"openid aza\"}".getBytes(
                        StandardCharsets.UTF_8))), "one byte of white space less is another key");
        assertFalse(MessageDigest.isEqual(derived, ServiceKdf.derive(key, ctx)), "v2 is not v1");
    }

    /** The KDF asks its HMAC function once, with the fixed input: a backend can compute it (issue 14). */
    @Test
    void theKdfIsOneCallOfTheHmacFunction() {
        List<byte[]> asked = new ArrayList<>();
        byte[] answer = bytes(32, 3);
        SessionKey backend = message -> {
            asked.add(message);
            return answer.clone();
        };
        byte[] ctx = bytes(24, 4);
        assertArrayEquals(answer, SessionKeyKdf.derive(backend, SessionKeyKdf.Version.V1, ctx, null));
        assertEquals(1, asked.size());
        assertArrayEquals(SessionKeyKdf.fixedInput(ctx), asked.get(0));
    }

    @Test
    void aSessionKeyOfAnotherLengthIsRefused() {
        for (int length : new int[] {0, 16, 31, 33, 64}) {
            SessionKeyCryptoException e = assertThrows(SessionKeyCryptoException.class,
                    () -> new InMemorySessionKey(new byte[length]));
            assertEquals(SessionKeyCryptoException.Reason.BAD_LENGTH, e.reason());
            assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        }
    }

    @Test
    void theKeyIsCopiedAndNeverShown() {
        byte[] key = bytes(32, 9);
        InMemorySessionKey held = new InMemorySessionKey(key);
        byte[] before = held.hmacSha256(new byte[] {1});
        key[0] ^= 1;
        assertArrayEquals(before, held.hmacSha256(new byte[] {1}), "a later change of the caller's array is not seen");
        assertEquals("InMemorySessionKey[hidden]", held.toString());
    }
}
