package org.dsreg.adapter.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire-format builders and parsers, against bytes captured from tpm2-tools 5.4 and swtpm 0.7. */
class StructuresTest {
    private static final HexFormat HEX = HexFormat.of();

    /** {@code tpm2_createprimary -C o --template-data t.bin}: the TPMT_PUBLIC the tools send. */
    static final String TOOLS_SRK_TEMPLATE = "0001000b00030072000000060080004300100800000000000000";

    /** {@code tpm2_create -G rsa2048:null:null -a fixedtpm|fixedparent|sensitivedataorigin|userwithauth|sign|decrypt}. */
    static final String TOOLS_KEY_PUB = "01160001000b000600720000001000100800000000000100"
            + "acf182b561da1922964f7c1a1b9bf7a1d6d18b80c19498ed9899c42fc1776cee7fa5a2603609fc64d2033412bbdfc4468e575f06"
            + "3a0b2efe48b6af58371920c7623b5ac44a6f41ee58c2c0be0125e4b40de4295119576b2397470677ac1dcdf485bd7c41e3f5417e"
            + "89a82409b31542e05dcaadf6ce0eefbab7eeefd7f35f616861577009a5bef6a29121256ad44fcdd16f3a1c9d65843d73e0fa2928c3"
            + "065ed7b571f6d0afbe5af73c9cb9aeaef7fb243219321789133ce8ad8cbf2bb5eff5df06c2c7422609988118f4f71bb27e12b95779"
            + "67f01248a61d1032e60e68aacf1998418df2121c2aa3e85ccaca990584e4e2dd4d726e55585b77781b9f7d1c43c5";

    @Test
    void srkTemplateIsTheToolsDefaultTemplate() {
        assertEquals("001a" + TOOLS_SRK_TEMPLATE, HEX.formatHex(Structures.srkTemplate()));
    }

    @Test
    void keyTemplateIsSignDecryptRsa2048WithNullScheme() {
        assertEquals("0016" + "0001" + "000b" + "00060072" + "0000" + "0010" + "0010" + "0800" + "00000000" + "0000",
                HEX.formatHex(Structures.keyTemplate()));
    }

    @Test
    void smallInputs() {
        assertEquals("000400000000", HEX.formatHex(Structures.emptySensitiveCreate()));
        assertEquals("0000", HEX.formatHex(Structures.emptyTpm2b()));
        assertEquals("00000000", HEX.formatHex(Structures.noPcrs()));
        assertEquals("0014000b", HEX.formatHex(Structures.signatureScheme(Tpm2.ALG_RSASSA)));
        assertEquals("0016000b", HEX.formatHex(Structures.signatureScheme(Tpm2.ALG_RSAPSS)));
        assertEquals("8024400000070000", HEX.formatHex(Structures.nullHashcheckTicket()));
        assertEquals("00170004", HEX.formatHex(Structures.oaepSha1()));
        assertEquals("0010", HEX.formatHex(Structures.rawRsa()));
        assertEquals("0003010203", HEX.formatHex(Structures.rsaBuffer(new byte[] {1, 2, 3})));
        assertEquals("0020" + "00".repeat(32), HEX.formatHex(Structures.digest(new byte[32])));
    }

    @Test
    void parsesAToolsPublicBlob() {
        Structures.RsaPublicArea a = Structures.RsaPublicArea.parse(HEX.parseHex(TOOLS_KEY_PUB));
        assertEquals(Tpm2.ALG_SHA256, a.nameAlg());
        assertEquals(Structures.KEY_ATTRIBUTES, a.attributes());
        assertEquals(Tpm2.ALG_NULL, a.scheme());
        assertEquals(Tpm2.ALG_NULL, a.symmetricAlg());
        assertEquals(2048, a.keyBits());
        assertEquals(0, a.exponent());
        RSAPublicKey key = a.toPublicKey();
        assertEquals(BigInteger.valueOf(65537), key.getPublicExponent());
        assertEquals(new BigInteger("acf182b561da1922", 16), key.getModulus().shiftRight(2048 - 64));
        assertEquals(2048, key.getModulus().bitLength());
        assertEquals(0x116, a.publicArea().length);
        byte[] name = Structures.name(a);
        assertEquals(34, name.length);
        assertEquals(0x00, name[0]);
        assertEquals(0x0b, name[1]);
    }

    @Test
    void parsesAnSrkPublicWithSymmetricParameters() {
        byte[] modulus = new byte[256];
        modulus[0] = (byte) 0x80;
        modulus[255] = 1;
        byte[] area = Wire.writer().u16(1).u16(0xb).u32(0x30072).tpm2b(new byte[0]).u16(6).u16(128).u16(0x43)
                .u16(0x10).u16(2048).u32(0).tpm2b(modulus).toBytes();
        Structures.RsaPublicArea a = Structures.RsaPublicArea.parse(Wire.writer().tpm2b(area).toBytes());
        assertEquals(Structures.SRK_ATTRIBUTES, a.attributes());
        assertEquals(Tpm2.ALG_AES, a.symmetricAlg());
    }

    @Test
    void refusesDamagedPublicBlobs() {
        byte[] good = HEX.parseHex(TOOLS_KEY_PUB);
        assertThrows(Wire.FormatException.class, () -> Structures.RsaPublicArea.parse(new byte[0]));
        assertThrows(Wire.FormatException.class, () -> Structures.RsaPublicArea.parse(java.util.Arrays.copyOf(good, 100)));
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThrows(Wire.FormatException.class, () -> Structures.RsaPublicArea.parse(longer));
        byte[] ecc = good.clone();
        ecc[3] = 0x23;
        Wire.FormatException e = assertThrows(Wire.FormatException.class, () -> Structures.RsaPublicArea.parse(ecc));
        assertTrue(e.getMessage().contains("not RSA"), e.getMessage());
        byte[] garbage = new byte[300];
        java.util.Arrays.fill(garbage, (byte) 0x5a);
        assertThrows(Wire.FormatException.class, () -> Structures.RsaPublicArea.parse(garbage));
    }

    @Test
    void checksPrivateBlobs() {
        byte[] inner = Wire.writer().tpm2b(new byte[32]).bytes(new byte[190]).toBytes();
        Structures.checkPrivate(Wire.writer().tpm2b(inner).toBytes());
        assertThrows(Wire.FormatException.class, () -> Structures.checkPrivate(new byte[] {0, 5, 1}));
        assertThrows(Wire.FormatException.class, () -> Structures.checkPrivate(Wire.writer().tpm2b(
                Wire.writer().tpm2b(new byte[32]).toBytes()).toBytes()));
        assertThrows(Wire.FormatException.class, () -> Structures.checkPrivate(Wire.writer().tpm2b(
                Wire.writer().tpm2b(new byte[0]).bytes(new byte[10]).toBytes()).toBytes()));
    }

    @Test
    void parsesSignatures() {
        byte[] sig = new byte[256];
        sig[0] = 7;
        byte[] wire = Wire.writer().u16(Tpm2.ALG_RSAPSS).u16(Tpm2.ALG_SHA256).tpm2b(sig).toBytes();
        assertArrayEquals(sig, Structures.parseRsaSignature(wire, Tpm2.ALG_RSAPSS));
        assertThrows(Wire.FormatException.class, () -> Structures.parseRsaSignature(wire, Tpm2.ALG_RSASSA));
        byte[] sha1 = Wire.writer().u16(Tpm2.ALG_RSASSA).u16(Tpm2.ALG_SHA1).tpm2b(sig).toBytes();
        assertThrows(Wire.FormatException.class, () -> Structures.parseRsaSignature(sha1, Tpm2.ALG_RSASSA));
    }

    @Test
    void parsesTpmPropertiesAsSwtpmReportsThem() {
        byte[] wire = Wire.writer().u32(Tpm2.CAP_TPM_PROPERTIES).u32(3)
                .u32(0x105).u32(0x49424D00L)
                .u32(0x10B).u32(0x20191023L)
                .u32(0x10C).u32(0x163636L).toBytes();
        Map<Integer, Long> p = Structures.parseTpmProperties(wire);
        assertEquals("IBM", Structures.manufacturer(p.get(0x105)));
        assertEquals("8217.4131.22.13878", Structures.firmware(p.get(0x10B), p.get(0x10C)));
        assertEquals("INTC", Structures.manufacturer(0x494E5443L));
        assertEquals("0x00000000", Structures.manufacturer(0));
        assertThrows(Wire.FormatException.class, () -> Structures.parseTpmProperties(
                Wire.writer().u32(Tpm2.CAP_TPM_PROPERTIES).u32(1000).toBytes()));
    }

    @Test
    void responseCodes() {
        assertEquals(Tpm2.RC_INTEGRITY, Tpm2.tpmBase(0x1df));
        assertEquals(Tpm2.RC_HANDLE, Tpm2.tpmBase(0x18b));
        assertEquals(Tpm2.RC_VALUE, Tpm2.tpmBase(0x084));
        assertEquals(Tpm2.RC_INITIALIZE, Tpm2.tpmBase(0x100));
        assertEquals(Tpm2.RC_OBJECT_MEMORY, Tpm2.tpmBase(0x902));
        assertTrue(Tpm2.isTpmError(0x1df));
        assertTrue(!Tpm2.isTpmError(0xa000a));
        assertEquals("0x000a000a", Tpm2.hex(0xa000a));
    }

    @Test
    void wireReaderIsBoundsChecked() {
        Wire.Reader r = Wire.reader(new byte[] {0, 3, 1, 2});
        Wire.FormatException e = assertThrows(Wire.FormatException.class, () -> r.tpm2b("x"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Wire.Reader r2 = Wire.reader(new byte[] {0, 1, 2, 3, 4});
        assertEquals(0x00010203L, r2.u32("u32"));
        assertThrows(Wire.FormatException.class, () -> r2.end("thing"));
        assertThrows(IllegalArgumentException.class, () -> Wire.writer().u16(0x10000));
    }
}
