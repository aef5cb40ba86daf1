package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.port.out.DrsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each refusal of a proxy, with its exact kind and words: a MockWebServer on loopback plays the proxy and answers the
 * CONNECT as a refusing proxy would (the real proxy is in app-cli's ProxyIT). DRS itself is never reached.
 */
class ProxyRefusalsTest {
    static final String PASSWORD = "s3cret-pw";
    static final String DRS = "https://drs.example";
    static final DeviceId DEVICE = new DeviceId(UUID.fromString("00aa00aa-bb11-cc22-dd33-44ee44ee44ee"));

    MockWebServer proxy;

    @BeforeEach
    void start() throws Exception {
        proxy = new MockWebServer();
        proxy.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        proxy.shutdown();
    }

    static HttpDrsClient client(ProxyConfig config) {
        return client(config, Duration.ofSeconds(10));
    }

    static HttpDrsClient client(ProxyConfig config, Duration timeout) {
        DrsSettings settings = new DrsSettings(URI.create(DRS), Optional.empty(), timeout, "0.1.0", config);
        return new HttpDrsClient(settings, new HttpClients(settings));
    }

    static ProxyConfig variable(String url) {
        return ProxyConfig.of(Optional.empty(), false, Map.of("https_proxy", url));
    }

    String hostPort() {
        return "127.0.0.1:" + proxy.getPort();
    }

    String withCredentials() {
        return "http://alice:" + PASSWORD + "@" + hostPort();
    }

    static DrsException discover(HttpDrsClient client) {
        return assertThrows(DrsException.class, () -> client.discover("contoso.example"));
    }

    static void assertNoPassword(DrsException e) {
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    RecordedRequest connect() throws InterruptedException {
        RecordedRequest r = proxy.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("CONNECT", r.getMethod());
        assertEquals("CONNECT drs.example:443 HTTP/1.1", r.getRequestLine());
        return r;
    }

    @Test
    void a403ToTheConnectIsTheProxyRefusingTheTunnelForADiscovery() throws Exception {
        proxy.enqueue(new MockResponse().setResponseCode(403));
        DrsException e = discover(client(variable("http://" + hostPort())));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("the discovery request to drs.example failed: the proxy " + hostPort()
                + " (from https_proxy) refused the tunnel to drs.example:443 (HTTP 403 to CONNECT) (request id "),
                e.getMessage());
        connect();
    }

    @Test
    void aRefusedTunnelForAnUnregistrationIsUnregistrationFailed() throws Exception {
        proxy.enqueue(new MockResponse().setResponseCode(403));
        MemoryKeyStorage storage = new MemoryKeyStorage();
        var certificate = DrsRefusalsTest.certificate(storage.generate("device"));
        DrsException e = assertThrows(DrsException.class, () -> client(ProxyConfig.of(Optional.of(withCredentials()),
                false, Map.of())).delete(new ServiceEndpoint("2.0", DRS + "/EnrollmentServer/device/", "urn:x"),
                DEVICE, certificate, storage, "device"));
        assertEquals(ErrorKind.UNREGISTRATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("failed: the proxy " + hostPort() + " (from --proxy) refused the tunnel to"
                + " drs.example:443 (HTTP 403 to CONNECT)"), e.getMessage());
        assertNoPassword(e);
    }

    @Test
    void a407WithoutCredentialsAsksForThem() throws Exception {
        proxy.enqueue(new MockResponse().setResponseCode(407).addHeader("Proxy-Authenticate", "Basic realm=\"corp\""));
        DrsException e = discover(client(variable("http://" + hostPort())));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().contains("failed: the proxy " + hostPort() + " (from https_proxy) asks for"
                + " credentials (HTTP 407): give them in its URL, http://user:password@" + hostPort()), e.getMessage());
        assertEquals(null, connect().getHeader(ProxyCredentials.HEADER));
    }

    @Test
    void credentialsAreSentOnTheFirstConnectAndTheirRefusalIsSaidWithoutThem() throws Exception {
        proxy.enqueue(new MockResponse().setResponseCode(407).addHeader("Proxy-Authenticate", "Basic realm=\"corp\""));
        DrsException e = discover(client(variable(withCredentials())));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().contains("failed: the proxy " + hostPort() + " (from https_proxy) refused the"
                + " credentials in its URL (HTTP 407)"), e.getMessage());
        assertNoPassword(e);
        String basic = Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals("Basic " + basic, connect().getHeader(ProxyCredentials.HEADER), "preemptive, on the first CONNECT");
        assertEquals(1, proxy.getRequestCount(), "refused credentials are not sent again");
    }

    @Test
    void wrongCredentialsAnswered401AsTinyproxyDoesAreRefusedCredentials() throws Exception {
        proxy.enqueue(new MockResponse().setResponseCode(401));
        DrsException e = discover(client(ProxyConfig.of(Optional.of(withCredentials()), false, Map.of())));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().contains("failed: the proxy " + hostPort() + " (from --proxy) refused the"
                + " credentials in its URL (HTTP 401)"), e.getMessage());
        assertNoPassword(e);
    }

    @Test
    void aClosedProxyPortIsACannotConnectNamingTheProxy() throws Exception {
        int port = closedPort();
        DrsException e = discover(client(variable("http://alice:" + PASSWORD + "@127.0.0.1:" + port)));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("the discovery request to drs.example failed: cannot connect to the proxy"
                + " 127.0.0.1:" + port + " (from https_proxy): "), e.getMessage());
        assertNoPassword(e);
    }

    @Test
    void aProxyThatNeverAnswersIsNamedInTheTimeout() throws Exception {
        proxy.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        DrsException e = discover(client(variable(withCredentials()), Duration.ofSeconds(1)));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("the discovery request got no answer within 1 s through the proxy "
                + hostPort() + " (from https_proxy) (timeout; request id "), e.getMessage());
        assertNoPassword(e);
        connect();
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void theDiagnoseTunnelCheckFailsWithTheProxysWords() throws Exception {
        proxy.enqueue(new MockResponse().setResponseCode(403));
        ProxyUrl url = ProxyUrl.parse(withCredentials(), "HTTPS_PROXY");
        DrsException e = assertThrows(DrsException.class,
                () -> new TunnelCheck(Duration.ofSeconds(10)).open(url, "drs.example", 443));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals("the proxy " + hostPort() + " (from HTTPS_PROXY) refused the tunnel to drs.example:443 (HTTP 403"
                + " to CONNECT)", e.getMessage());
        RecordedRequest r = connect();
        assertTrue(r.getHeader(ProxyCredentials.HEADER).startsWith("Basic "), r.getHeaders().toString());

        int port = closedPort();
        DrsException closed = assertThrows(DrsException.class, () -> new TunnelCheck(Duration.ofSeconds(10))
                .open(ProxyUrl.parse("http://127.0.0.1:" + port, "--proxy"), "drs.example", 443));
        assertEquals(ErrorKind.QUERY_FAILED, closed.kind());
        assertTrue(closed.getMessage().startsWith("cannot connect to the proxy 127.0.0.1:" + port + " (from --proxy)"),
                closed.getMessage());
    }

    @Test
    void theDiagnoseTunnelCheckPassesOnA200() throws Exception {
        proxy.enqueue(new MockResponse().setResponseCode(200));
        new TunnelCheck(Duration.ofSeconds(10)).open(ProxyUrl.parse("http://" + hostPort(), "--proxy"), "::1", 8443);
        assertEquals("CONNECT [::1]:8443 HTTP/1.1", proxy.takeRequest(5, TimeUnit.SECONDS).getRequestLine());
    }
}
