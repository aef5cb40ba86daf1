package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** User input reaches an error message scrubbed, whole and bounded; GUID recognition refuses look-alikes. */
class GuidsTest {

    @Test
    void badInputIsQuotedBackWithControlCharactersReplaced() {
        DsregException e = assertThrows(DsregException.class, () -> DeviceId.parse("bad\u001b[31m\nid"));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertEquals("'bad?[31m?id' is not a valid device id"
                + " (expected a GUID such as 00000000-0000-0000-0000-000000000000)", e.getMessage());
    }

    @Test
    void printableKeepsOrdinaryTextAsItIs() {
        assertEquals("contoso.example", Guids.printable("contoso.example"));
        assertEquals("é ü 中", Guids.printable("é ü 中"));
        assertEquals("a?b?c?", Guids.printable("a\tb\u0000c\u007f"));
        assertEquals("", Guids.printable(""));
    }

    @Test
    void printableCutsAtEightyCharactersAndSaysSo() {
        String eighty = "x".repeat(80);
        assertEquals(eighty, Guids.printable(eighty), "exactly 80: nothing cut, no ellipsis");
        assertEquals(eighty + "...", Guids.printable(eighty + "y"));
        assertEquals(eighty + "...", Guids.printable("x".repeat(10_000)));
    }

    @Test
    void aLongMaliciousValueDoesNotFloodTheMessage() {
        DsregException e = assertThrows(DsregException.class, () -> TenantId.parse("\n".repeat(5000)));
        assertTrue(e.getMessage().startsWith("'" + "?".repeat(80) + "...' is not a valid tenant id"), e.getMessage());
    }

    @Test
    void aMissingValueIsNamed() {
        DsregException e = assertThrows(DsregException.class, () -> TenantId.parse(null));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertEquals("tenant id is missing", e.getMessage());
    }

    @Test
    void looksLikeGuidAcceptsOnlyTheCanonicalForm() {
        assertTrue(TenantId.looksLikeGuid("aaaabbbb-0000-cccc-1111-dddd2222eeee"));
        assertTrue(TenantId.looksLikeGuid(" AAAABBBB-0000-CCCC-1111-DDDD2222EEEE "));
        assertFalse(TenantId.looksLikeGuid(null));
        assertFalse(TenantId.looksLikeGuid(""));
        assertFalse(TenantId.looksLikeGuid("contoso.example"));
        assertFalse(TenantId.looksLikeGuid("aaaabbbb-0000-cccc-1111-dddd2222eeee0"));
    }

    @Test
    void deviceIdsParseToTheirGuidAndPrintCanonically() {
        UUID u = UUID.fromString("11112222-3333-4444-5555-666677778888");
        assertEquals(new DeviceId(u), DeviceId.parse("{11112222-3333-4444-5555-666677778888}"));
        assertEquals("11112222-3333-4444-5555-666677778888", DeviceId.parse("11112222-3333-4444-5555-666677778888")
                .toString());
    }

    @Test
    void refusedKeyNamesAreQuotedBackScrubbed() {
        DsregException alias = assertThrows(DsregException.class, () -> new KeyRef("software", "../\u001bx"));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, alias.kind());
        assertEquals("'../?x' is not a valid key alias", alias.getMessage());
        DsregException storage = assertThrows(DsregException.class, () -> new KeyRef("Soft Ware", "device"));
        assertEquals("'Soft Ware' is not a valid key storage name", storage.getMessage());
        DsregException thumb = assertThrows(DsregException.class, () -> Thumbprint.parse("zz\n"));
        assertEquals("'ZZ' is not a SHA-1 thumbprint", thumb.getMessage());
    }
}
