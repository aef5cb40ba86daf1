package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Failures through a proxy, said in terms of the proxy; the real proxy's answers are in app-cli's ProxyIT. */
class ProxyFailuresTest {
    static final ProxyUrl PLAIN = ProxyUrl.parse("http://proxy.corp:3128", "https_proxy");
    static final ProxyUrl WITH_CREDENTIALS = ProxyUrl.parse("http://alice:s3cret@proxy.corp:3128", "--proxy");
    static final String TARGET = "drs.example:443";

    @Test
    void aConnectRefusedIsTheProxyRefusingTheTunnel() {
        assertEquals("the proxy proxy.corp:3128 (from https_proxy) refused the tunnel to drs.example:443 (HTTP 403 to"
                + " CONNECT)", ProxyFailures.describe(PLAIN, TARGET,
                new IOException("Unexpected response code for CONNECT: 403")));
    }

    @Test
    void a407IsAboutCredentials() {
        IOException okhttp = new IOException("Failed to authenticate with proxy");
        assertEquals("the proxy proxy.corp:3128 (from https_proxy) asks for credentials (HTTP 407): give them in its"
                + " URL, http://user:password@proxy.corp:3128", ProxyFailures.describe(PLAIN, TARGET, okhttp));
        assertEquals("the proxy proxy.corp:3128 (from --proxy) refused the credentials in its URL (HTTP 407)",
                ProxyFailures.describe(WITH_CREDENTIALS, TARGET, okhttp));
        assertEquals("the proxy proxy.corp:3128 (from --proxy) refused the credentials in its URL (HTTP 401)",
                ProxyFailures.refusedTunnel(WITH_CREDENTIALS, TARGET, 401), "tinyproxy's answer to wrong ones");
        assertEquals("the proxy proxy.corp:3128 (from https_proxy) refused the tunnel to drs.example:443 (HTTP 401 to"
                + " CONNECT)", ProxyFailures.refusedTunnel(PLAIN, TARGET, 401));
    }

    @Test
    void aConnectionThatFailsIsTheOneToTheProxy() {
        IOException refused = new ConnectException("Failed to connect to proxy.corp/10.0.0.1:3128");
        refused.initCause(new ConnectException("Connection refused"));
        assertEquals("cannot connect to the proxy proxy.corp:3128 (from https_proxy): Connection refused",
                ProxyFailures.describe(PLAIN, TARGET, refused));
        assertEquals("cannot connect to the proxy proxy.corp:3128 (from https_proxy): proxy.corp",
                ProxyFailures.describe(PLAIN, TARGET, new UnknownHostException("proxy.corp")));
    }

    @Test
    void anythingElseNamesTheProxyItWentThrough() {
        assertEquals("PKIX path building failed (through the proxy proxy.corp:3128 (from --proxy))",
                ProxyFailures.describe(WITH_CREDENTIALS, TARGET, new IOException("PKIX path building failed")));
    }

    @Test
    void anUntrustedServerCertificateInTheTunnelIsSaidToBeOne() {
        IOException handshake = new javax.net.ssl.SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new java.security.cert.CertificateException("unable to find valid certification path"));
        assertEquals("the server's TLS certificate is not trusted: unable to find valid certification path (through the"
                + " proxy proxy.corp:3128 (from https_proxy))", ProxyFailures.describe(PLAIN, TARGET, handshake));
    }

    @Test
    void theStatusOfAConnectAnswer() {
        assertEquals(200, TunnelCheck.status("HTTP/1.1 200 Connection established"));
        assertEquals(407, TunnelCheck.status("HTTP/1.0 407 Proxy Authentication Required"));
        assertEquals(-1, TunnelCheck.status("SSH-2.0-OpenSSH_9.2"));
        assertEquals(-1, TunnelCheck.status(""));
        assertEquals(-1, TunnelCheck.status("HTTP/1.1 20x odd"));
    }
}
