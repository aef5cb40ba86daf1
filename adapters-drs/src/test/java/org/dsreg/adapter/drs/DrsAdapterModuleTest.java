package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.junit.jupiter.api.Test;

/** The adapter's public door: its configuration is checked as the settings records check it, and nothing leaks. */
class DrsAdapterModuleTest {
    private static final URI DRS = URI.create("https://enterpriseregistration.windows.net");

    private static DrsAdapterModule module(URI url, Optional<String> proxy, boolean noProxy, Map<String, String> env) {
        return new DrsAdapterModule(url, Optional.empty(), Duration.ofSeconds(30), "1.0", proxy, noProxy, env);
    }

    @Test
    void providesTheSettingsItWasGiven() {
        DrsSettings s = module(DRS, Optional.empty(), true, Map.of()).drsSettings();
        assertEquals(DRS, s.discoveryBase());
        assertEquals("1.0", s.clientVersion());
        assertEquals("direct (--no-proxy)", s.proxy().route(DRS).describe());
    }

    @Test
    void aPlainHttpUrlIsRefusedExitOne() {
        DsregException e = assertThrows(DsregException.class,
                () -> module(URI.create("http://drs.example"), Optional.empty(), false, Map.of()));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
    }

    @Test
    void bothProxyOptionsAreRefusedExitOne() {
        DsregException e = assertThrows(DsregException.class,
                () -> DrsAdapterModule.checkProxyOptions(Optional.of("http://p:1"), true, Map.of()));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
    }

    @Test
    void aMalformedProxyIsRefusedWithoutItsPassword() {
        DsregException e = assertThrows(DsregException.class,
                () -> module(DRS, Optional.of("socks5://u:secret@p:1"), false, Map.of()));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertFalse(e.getMessage().contains("secret"));
    }

    @Test
    void readsOnlyTheProxyVariables() {
        assertTrue(DrsAdapterModule.readsProxyVariable("https_proxy"));
        assertTrue(DrsAdapterModule.readsProxyVariable("no_proxy"));
        assertFalse(DrsAdapterModule.readsProxyVariable("http_proxy"));
    }
}
