package org.dsreg.adapter.tpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The keyed-hash structures of a session key, byte for byte, and the check of a session key's public blob. */
class SessionKeyAreaTest {
    private static final HexFormat HEX = HexFormat.of();
    /** fixedTPM | fixedParent | userWithAuth | noDA | sign, and no sensitiveDataOrigin: the data is given. */
    private static final String ATTRIBUTES = "00040452";

    /** A session key's TPM2B_PUBLIC as the TPM returns it: the template with a 32-byte unique. */
    private static String publicBlob(String type, String attributes, String scheme) {
        String area = type + "000b" + attributes + "0000" + scheme + "0020" + "ab".repeat(32);
        return String.format("%04x", area.length() / 2) + area;
    }

    @Test
    void theTemplateIsAKeyedHashWithSchemeHmacSha256() {
        assertEquals("0010" + "0008" + "000b" + ATTRIBUTES + "0000" + "0005000b" + "0000",
                HEX.formatHex(SessionKeyArea.template()));
    }

    @Test
    void theSensitiveCreateHoldsAnEmptyPasswordAndTheKey() {
        byte[] key = new byte[32];
        key[0] = 7;
        assertEquals("0024" + "0000" + "0020" + "07" + "00".repeat(31), HEX.formatHex(SessionKeyArea.sensitiveCreate(key)));
    }

    @Test
    void theHmacInputIsATpm2bMaxBufferOfAtMost1024Bytes() {
        assertEquals("0003010203", HEX.formatHex(SessionKeyArea.maxBuffer(new byte[] {1, 2, 3})));
        assertEquals("0400", HEX.formatHex(SessionKeyArea.maxBuffer(new byte[1024])).substring(0, 4));
        assertEquals("a TPM2_HMAC input holds at most 1024 bytes",
                assertThrows(IllegalArgumentException.class, () -> SessionKeyArea.maxBuffer(new byte[1025])).getMessage());
    }

    @Test
    void aSessionKeysPublicBlobPassesTheCheck() {
        SessionKeyArea.check(HEX.parseHex(publicBlob("0008", ATTRIBUTES, "0005000b")));
    }

    @Test
    void anythingButAnHmacSha256SigningKeyIsRefused() {
        assertEquals("object type 0x0001 is not a keyed hash", refusal(StructuresTest.TOOLS_KEY_PUB));
        assertEquals("object type 0x0025 is not a keyed hash", refusal(publicBlob("0025", ATTRIBUTES, "0005000b")));
        assertEquals("scheme 0x0005 (hash 0x0004) is not HMAC-SHA256", refusal(publicBlob("0008", ATTRIBUTES, "00050004")));
        assertEquals("scheme 0x0010 (hash 0x0000) is not HMAC-SHA256", refusal(publicBlob("0008", ATTRIBUTES, "0010")));
        assertEquals("object attributes 0x00020452 are not an HMAC key's",
                refusal(publicBlob("0008", "00020452", "0005000b")), "a keyed hash that decrypts (sealed data)");
        assertEquals("object attributes 0x00040440 are not an HMAC key's",
                refusal(publicBlob("0008", "00040440", "0005000b")), "not bound to this TPM and parent");
        assertEquals("TPMT_PUBLIC has 1 bytes after its end", refusal(publicBlob("0008", ATTRIBUTES, "0005000b")
                .replaceFirst("^....", "0031") + "00"));
    }

    private static String refusal(String hex) {
        return assertThrows(Wire.FormatException.class, () -> SessionKeyArea.check(HEX.parseHex(hex))).getMessage();
    }
}
