package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantRefTest {
    static final String GUID = "aaaabbbb-0000-cccc-1111-dddd2222eeee";

    @Test
    void aGuidInAnyCaseOrInBracesIsATenantIdInLowerCase() {
        TenantRef r = TenantRef.parse(GUID.toUpperCase(java.util.Locale.ROOT));
        assertEquals(new TenantRef.Id(TenantId.parse(GUID)), r);
        assertEquals(GUID, r.text());
        assertEquals(Optional.of(TenantId.parse(GUID)), r.tenantId());
        assertEquals(Optional.empty(), r.domain());
        assertEquals(GUID, TenantRef.parse("{" + GUID + "}").text());
    }

    @Test
    void aDomainNameIsKeptAsGiven() {
        TenantRef r = TenantRef.parse("Contoso.onmicrosoft.com");
        assertEquals(Optional.of("Contoso.onmicrosoft.com"), r.domain());
        assertEquals("Contoso.onmicrosoft.com", r.text());
        assertEquals(Optional.empty(), r.tenantId());
        assertEquals("a-1.b2.example", TenantRef.parse("a-1.b2.example").text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "contoso", "contoso.", ".contoso.com", "-a.example", "a-.example", "a..example",
        "contoso.c", "contoso.123", "con toso.com", "contoso.com/x", "aaaabbbb-0000-cccc-1111-dddd2222eeeX",
        "{aaaabbbb-0000-cccc-1111-dddd2222eeee"})
    void anythingElseIsAUsageError(String text) {
        DsregException e = assertThrows(DsregException.class, () -> TenantRef.parse(text));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
    }

    @Test
    void aNameOver253CharactersOrALabelOver63IsRefused() {
        String label63 = "a".repeat(63);
        String ok = (label63 + ".").repeat(3) + "a".repeat(61) + ".com"; // 192 + 61 + 4 = 257 > 253
        assertEquals(ErrorKind.INVALID_ARGUMENTS, assertThrows(DsregException.class, () -> TenantRef.parse(ok)).kind());
        String fits = (label63 + ".").repeat(3) + "a".repeat(57) + ".com"; // 253
        assertEquals(253, fits.length());
        assertEquals(fits, TenantRef.parse(fits).text());
        assertThrows(DsregException.class, () -> TenantRef.parse("a".repeat(64) + ".example"));
        assertThrows(DsregException.class, () -> new TenantRef.Domain("not a domain"));
    }

    @Test
    void theMessageNamesTheValueWithControlCharactersShownAsQuestionMarks() {
        DsregException e = assertThrows(DsregException.class, () -> TenantRef.parse("bad\u001b[31m"));
        assertEquals("'bad?[31m' is neither a tenant id (GUID) nor a domain name", e.getMessage());
    }
}
