package org.dsreg.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSourceTest {
    @Test
    void theCliWordsNameTheSources() {
        assertEquals(new TokenSource.DeviceCode(), TokenSource.parse("device-code"));
        assertEquals(new TokenSource.Broker(), TokenSource.parse("broker"));
        assertEquals(new TokenSource.File(Path.of("/run/token")), TokenSource.parse("file:/run/token"));
        assertEquals(new TokenSource.RefreshTokenFile(Path.of("/root/rt")), TokenSource.parse("refresh-token:/root/rt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "file:", "Broker", "device_code", "http://token", "file", "refresh-token:", "refresh-token"})
    void anythingElseIsAUsageError(String text) {
        DsregException e = assertThrows(DsregException.class, () -> TokenSource.parse(text));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertEquals("'" + text + "' is not a token source (broker, device-code, file:PATH or refresh-token:PATH)", e.getMessage());
    }

    @Test
    void controlCharactersAreNotEchoed() {
        DsregException e = assertThrows(DsregException.class, () -> TokenSource.parse("bro\u001bker"));
        assertEquals("'bro?ker' is not a token source (broker, device-code, file:PATH or refresh-token:PATH)", e.getMessage());
    }
}
