package org.dsreg.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.junit.jupiter.api.Test;

/** The proxy part of the settings: what the environment gives, what the options change, what is refused. */
class ProxySettingsTest {
    @Test
    void fromTheEnvironmentOnlyTheProxyVariablesAreKept() {
        DsregSettings s = DsregSettings.fromEnvironment(Map.of("https_proxy", "http://p:1", "no_proxy", "x.example",
                "HOME", "/root", "http_proxy", "http://plain:1"));
        assertEquals(Map.of("https_proxy", "http://p:1", "no_proxy", "x.example"), s.proxy().environment());
        assertEquals(ProxySettings.none(), DsregSettings.defaults().proxy());
    }

    @Test
    void theOptionsAndTheirRefusals() {
        ProxySettings env = ProxySettings.fromEnvironment(Map.of("https_proxy", "socks5://p:1"));
        assertEquals(Optional.of("http://q:2"), env.withProxy("http://q:2").proxy());
        assertTrue(env.withNoProxy().noProxy());
        DsregException both = assertThrows(DsregException.class, () -> env.withNoProxy().withProxy("http://q:2"));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, both.kind());
        DsregException bad = assertThrows(DsregException.class, () -> env.withProxy("ftp://q:2"));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, bad.kind());
    }

    @Test
    void noPasswordInToString() {
        ProxySettings p = ProxySettings.fromEnvironment(Map.of("HTTPS_PROXY", "http://u:s3cret@p:1"))
                .withProxy("http://u:s3cret@q:2");
        assertFalse(p.toString().contains("s3cret"), p.toString());
        assertFalse(DsregSettings.defaults().withProxy(p).toString().contains("s3cret"));
        assertEquals("ProxySettings[proxy=(set), noProxy=false, environment=[HTTPS_PROXY]]", p.toString());
    }
}
