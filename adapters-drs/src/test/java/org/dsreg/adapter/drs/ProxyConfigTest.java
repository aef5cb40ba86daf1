package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.junit.jupiter.api.Test;

/** Which proxy a request takes: the options, then curl's variables in curl's order, then no_proxy. */
class ProxyConfigTest {
    static final URI DRS = URI.create("https://enterpriseregistration.windows.net/tenant/Discover");

    private static String route(Map<String, String> env) {
        return ProxyConfig.of(Optional.empty(), false, env).route(DRS).describe();
    }

    @Test
    void theVariablesInCurlsOrderLowerCaseFirst() {
        Map<String, String> env = new HashMap<>(Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2",
                "all_proxy", "http://all:3", "ALL_PROXY", "http://ALL:4"));
        assertEquals("via http://lower:1 (from https_proxy)", route(env));
        env.remove("https_proxy");
        assertEquals("via http://upper:2 (from HTTPS_PROXY)", route(env));
        env.remove("HTTPS_PROXY");
        assertEquals("via http://all:3 (from all_proxy)", route(env));
        env.remove("all_proxy");
        assertEquals("via http://ALL:4 (from ALL_PROXY)", route(env));
    }

    @Test
    void anEmptyVariableIsUnsetAsForCurl() {
        assertEquals("via http://upper:2 (from HTTPS_PROXY)", route(Map.of("https_proxy", "", "HTTPS_PROXY",
                "http://upper:2")));
    }

    @Test
    void httpProxyIsNotForHttpsRequests() {
        String r = route(Map.of("http_proxy", "http://plain:1", "HTTP_PROXY", "http://PLAIN:1"));
        assertEquals("direct (no https_proxy, HTTPS_PROXY, all_proxy or ALL_PROXY is set)", r);
    }

    @Test
    void noProxyLowerCaseWinsAndNamesTheHost() {
        Map<String, String> env = new HashMap<>(Map.of("https_proxy", "http://p:1",
                "no_proxy", "windows.net", "NO_PROXY", "other.example"));
        assertEquals("direct (no_proxy names enterpriseregistration.windows.net)", route(env));
        env.put("no_proxy", "other.example");
        env.put("NO_PROXY", "windows.net");
        assertEquals("via http://p:1 (from https_proxy)", route(env), "NO_PROXY is read only without no_proxy");
        env.remove("no_proxy");
        assertEquals("direct (NO_PROXY names enterpriseregistration.windows.net)", route(env));
    }

    @Test
    void loopbackIsNotBypassedUnlessNamed() {
        ProxyConfig c = ProxyConfig.of(Optional.empty(), false, Map.of("https_proxy", "http://p:1"));
        assertTrue(c.route(URI.create("https://127.0.0.1:8443/x")).proxy().isPresent());
        assertTrue(c.route(URI.create("https://localhost:8443/x")).proxy().isPresent());
        ProxyConfig named = ProxyConfig.of(Optional.empty(), false, Map.of("https_proxy", "http://p:1",
                "no_proxy", "127.0.0.1"));
        assertFalse(named.route(URI.create("https://127.0.0.1:8443/x")).proxy().isPresent());
        assertTrue(named.route(URI.create("https://localhost:8443/x")).proxy().isPresent());
    }

    @Test
    void aNoProxyPortIsTheUrlsPortOr443() {
        ProxyConfig c = ProxyConfig.of(Optional.empty(), false, Map.of("https_proxy", "http://p:1",
                "no_proxy", "drs.example:443"));
        assertFalse(c.route(URI.create("https://drs.example/x")).proxy().isPresent());
        assertTrue(c.route(URI.create("https://drs.example:8443/x")).proxy().isPresent());
    }

    @Test
    void theOptionsWinOverTheProxyVariables() {
        Map<String, String> env = Map.of("https_proxy", "http://env:1", "no_proxy", "other.example");
        assertEquals("via http://opt:2 (from --proxy)",
                ProxyConfig.of(Optional.of("http://opt:2"), false, env).route(DRS).describe());
        assertEquals("direct (--no-proxy)", ProxyConfig.of(Optional.empty(), true, env).route(DRS).describe());
        assertEquals("direct (--no-proxy)", ProxyConfig.direct().route(DRS).describe());
    }

    @Test
    void noProxyStillAppliesToTheProxyOptionAsToCurlsX() {
        ProxyConfig c = ProxyConfig.of(Optional.of("http://opt:2"), false, Map.of("https_proxy", "http://env:1",
                "NO_PROXY", "windows.net"));
        assertEquals("direct (NO_PROXY names enterpriseregistration.windows.net)", c.route(DRS).describe());
        assertEquals("via http://opt:2 (from --proxy)", c.route(URI.create("https://login.example.com/x")).describe());
        assertEquals("direct (no_proxy names enterpriseregistration.windows.net)", ProxyConfig.of(
                Optional.of("http://opt:2"), false, Map.of("no_proxy", "*")).route(DRS).describe());
    }

    @Test
    void bothOptionsAreRefusedExitOne() {
        DsregException e = assertThrows(DsregException.class,
                () -> ProxyConfig.of(Optional.of("http://opt:2"), true, Map.of()));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertEquals("--proxy and --no-proxy disagree: give one of them", e.getMessage());
    }

    @Test
    void aMalformedOptionIsRefusedAtOnce() {
        DsregException e = assertThrows(DsregException.class,
                () -> ProxyConfig.of(Optional.of("socks5://u:secret@p:1"), false, Map.of()));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertFalse(e.getMessage().contains("secret"));
    }

    @Test
    void aMalformedVariableIsRefusedOnlyWhenARequestWouldUseIt() {
        Map<String, String> env = Map.of("https_proxy", "socks5://u:secret@p:1");
        ProxyConfig c = ProxyConfig.of(Optional.empty(), false, env); // --status builds this: no failure
        DsregException e = assertThrows(DsregException.class, c::validate);
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertTrue(e.getMessage().startsWith("the proxy in https_proxy is not usable: the socks5:// proxy scheme"),
                e.getMessage());
        assertFalse(e.getMessage().contains("secret"));
        assertThrows(DsregException.class, () -> c.route(DRS));
        ProxyConfig.of(Optional.of("http://opt:2"), false, env).validate(); // the option wins: never read
        ProxyConfig.of(Optional.empty(), true, env).validate();
    }

    @Test
    void onlyTheProxyVariablesAreRead() {
        assertTrue(ProxyConfig.reads("https_proxy"));
        assertTrue(ProxyConfig.reads("NO_PROXY"));
        assertFalse(ProxyConfig.reads("http_proxy"));
        assertFalse(ProxyConfig.reads("HOME"));
    }
}
