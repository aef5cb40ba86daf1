package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Proxy URLs as curl reads them; the refusals, each exit 1, and the password never shown. */
class ProxyUrlTest {
    @ParameterizedTest(name = "{0} is {1}:{2}")
    @CsvSource(delimiter = '|', value = {
        "http://proxy.corp:3128|proxy.corp|3128",
        "HTTP://proxy.corp:3128/|proxy.corp|3128",
        "proxy.corp:3128|proxy.corp|3128",
        "proxy.corp|proxy.corp|1080",
        "http://proxy.corp|proxy.corp|1080",
        "'  http://10.0.0.1:8080  '|10.0.0.1|8080",
        "http://[::1]:3128|::1|3128",
        "http://user:pw@proxy.corp:3128|proxy.corp|3128",
    })
    void parses(String text, String host, int port) {
        ProxyUrl p = ProxyUrl.parse(text, "https_proxy");
        assertEquals(host, p.host());
        assertEquals(port, p.port());
        assertEquals("https_proxy", p.source());
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "socks5://proxy.corp:1080|the socks5:// proxy scheme is not supported",
        "socks5h://proxy.corp:1080|the socks5h:// proxy scheme is not supported",
        "socks4://proxy.corp:1080|the socks4:// proxy scheme is not supported",
        "https://proxy.corp:3128|the https:// proxy scheme is not supported",
        "ftp://proxy.corp:21|'ftp://' is not a proxy scheme",
        "http://|not a URL (Expected authority)",
        "http://:3128|no host name",
        "http://proxy corp:3128|not a URL",
        "http://[::1:3128|not a URL",
        "http://proxy.corp:3128/path|no path, query or fragment",
        "http://proxy.corp:3128/?q=1|no path, query or fragment",
        "http://proxy.corp:0|port 0 is not a port",
        "http://proxy.corp:99999|port 99999 is not a port",
        "http://proxy.corp:port|no host name",
    })
    void refuses(String text, String why) {
        DsregException e = assertThrows(DsregException.class, () -> ProxyUrl.parse(text, "--proxy"));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertTrue(e.getMessage().startsWith("the proxy in --proxy is not usable: "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://alice:s3cret@proxy.corp:3128", "https://alice:s3cret@proxy.corp:3128",
        "http://alice:s3cret@proxy.corp:3128/x", "socks5://alice:s3cret@proxy.corp"})
    void thePasswordIsNeverShown(String text) {
        try {
            ProxyUrl p = ProxyUrl.parse(text, "https_proxy");
            assertEquals("http://alice:****@proxy.corp:3128", p.display());
            assertEquals(p.display(), p.toString());
            assertFalse(p.hostPort().contains("alice"));
        } catch (DsregException e) {
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
    }

    @Test
    void credentialsArePercentDecodedForBasicAuthentication() {
        ProxyUrl p = ProxyUrl.parse("http://dom%5Calice:p%40ss+w:rd@proxy.corp:3128", "--proxy");
        assertTrue(p.hasCredentials());
        String decoded = new String(Base64.getDecoder().decode(p.basicAuthorization().orElseThrow()
                .substring("Basic ".length())), StandardCharsets.UTF_8);
        assertEquals("dom\\alice:p@ss+w:rd", decoded);
        assertEquals(Optional.empty(), ProxyUrl.parse("http://proxy.corp:3128", "--proxy").basicAuthorization());
        assertEquals("[::1]:3128", ProxyUrl.parse("http://[::1]:3128", "--proxy").hostPort());
    }
}
