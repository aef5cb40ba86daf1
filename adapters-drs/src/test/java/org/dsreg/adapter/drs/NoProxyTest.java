package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** curl's no_proxy rules (lib/noproxy.c), and ports, which curl does not read. */
class NoProxyTest {
    @ParameterizedTest(name = "no_proxy=''{0}'' bypasses {1}:{2}")
    @CsvSource(delimiter = '|', value = {
        "*|anything.example|443",
        "*|127.0.0.1|443",
        "example.com|example.com|443",
        "example.com|a.example.com|443",
        "example.com|a.b.example.com|443",
        ".example.com|example.com|443",
        ".example.com|a.example.com|443",
        "example.com.|a.example.com|443",
        "EXAMPLE.com|Login.Example.COM|443",
        "example.com|example.com.|443",
        "other.org, example.com|a.example.com|443",
        "  other.org ,,  example.com  ,|a.example.com|443",
        "127.0.0.1|127.0.0.1|443",
        "10.0.0.0/8|10.20.30.40|443",
        "192.168.1.0/24|192.168.1.255|8443",
        "::1|::1|443",
        "::1|[::1]|443",
        "fd00::/8|fd12:3456::1|443",
        "[::1]|::1|443",
        "example.com:8443|a.example.com|8443",
        "127.0.0.1:8443|127.0.0.1|8443",
        "[::1]:8443|::1|8443",
        "localhost|localhost|443",
    })
    void bypasses(String list, String host, int port) {
        assertTrue(NoProxy.parse(list).matches(host, port), list + " should name " + host + ":" + port);
    }

    @ParameterizedTest(name = "no_proxy=''{0}'' does not bypass {1}:{2}")
    @CsvSource(delimiter = '|', value = {
        "example.com|badexample.com|443",
        ".example.com|badexample.com|443",
        "a.example.com|example.com|443",
        "example.com|example.com.evil.org|443",
        "*.example.com|a.example.com|443",
        "*,|a.example.com|443",
        "' , ,'|a.example.com|443",
        "10.0.0.0/8|11.0.0.1|443",
        "10.0.0.1|10.0.0.2|443",
        "10.0.0.0/33|10.0.0.0|443",
        "10.0.0.0/x|10.0.0.0|443",
        "192.168.1.0/24|192.168.2.1|443",
        "127.0.0.1|localhost|443",
        "localhost|127.0.0.1|443",
        "localhost|::1|443",
        "127.0.0.1|::1|443",
        "fd00::/8|fe80::1|443",
        "::1/129|::1|443",
        "example.com:8443|example.com|443",
        "127.0.0.1:8443|127.0.0.1|443",
        "[::1]:8443|::1|443",
        "10.0.0.0/8|host10.example|443",
    })
    void doesNotBypass(String list, String host, int port) {
        assertFalse(NoProxy.parse(list).matches(host, port), list + " should not name " + host + ":" + port);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "' '", "','"})
    void anEmptyListNamesNothing(String list) {
        assertFalse(NoProxy.parse(list).matches("example.com", 443));
        assertFalse(NoProxy.parse(list).matches("127.0.0.1", 443));
        assertFalse(NoProxy.none().matches("127.0.0.1", 443));
    }
}
