package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

    @Test
    void tenantIdIsCanonicalLowerCase() {
        TenantId t = TenantId.parse("  {AAAABBBB-0000-CCCC-1111-DDDD2222EEEE} ");
        assertEquals("aaaabbbb-0000-cccc-1111-dddd2222eeee", t.toString());
        assertEquals(t, TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-guid", "aaaabbbb-0000-cccc-1111-dddd2222eee",
        "aaaabbbb00000cccc11111dddd2222eeee", "zaaabbbb-0000-cccc-1111-dddd2222eeee", "contoso.com",
        "{aaaabbbb-0000-cccc-1111-dddd2222eeee"})
    void malformedTenantIdsAreInvalidArguments(String text) {
        DsregException e = assertThrows(DsregException.class, () -> TenantId.parse(text));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertEquals(1, e.kind().exitCode());
        assertTrue(e.getMessage().contains("tenant id"), e.getMessage());
    }

    @Test
    void controlCharactersInBadInputDoNotReachTheMessage() {
        DsregException e = assertThrows(DsregException.class, () -> DeviceId.parse("bad\u001b[31m\nid"));
        assertFalse(e.getMessage().contains("\u001b"));
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void thumbprintIsUpperCaseSha1OfDer() {
        // SHA-1("abc") = a9993e364706816aba3e25717850c26c9cd0d89d
        Thumbprint t = Thumbprint.ofDer("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("A9993E364706816ABA3E25717850C26C9CD0D89D", t.value());
        assertEquals(t, Thumbprint.parse("a9:99:3e:36:47:06:81:6a:ba:3e:25:71:78:50:c2:6c:9c:d0:d8:9d"));
        assertThrows(DsregException.class, () -> Thumbprint.parse("A9993E"));
    }

    @Test
    void exitCodesAreThoseOfTheSeedTable() {
        assertEquals(1, ErrorKind.INVALID_ARGUMENTS.exitCode());
        assertEquals(2, ErrorKind.NOT_AVAILABLE.exitCode());
        assertEquals(3, ErrorKind.QUERY_FAILED.exitCode());
        assertEquals(4, ErrorKind.INSUFFICIENT_PERMISSIONS.exitCode());
        assertEquals(5, ErrorKind.DRS_TOKEN_REQUIRED.exitCode());
        assertEquals(6, ErrorKind.UNREGISTRATION_FAILED.exitCode());
        assertEquals(7, ErrorKind.CLEANUP_FAILED.exitCode());
        assertEquals(8, ErrorKind.CLEANUP_CANCELED.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc", ".hidden", "a/b", "", "with space"})
    void keyAliasesThatCouldEscapeADirectoryAreRefused(String alias) {
        assertThrows(DsregException.class, () -> new KeyRef("software", alias));
    }
}
