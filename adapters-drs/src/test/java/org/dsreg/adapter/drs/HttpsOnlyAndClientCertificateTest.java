package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Thumbprint;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.JoinRequest;
import org.dsreg.testkit.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refusals of the DRS client, each pinned: only HTTPS (for the configured base and for every URL discovery
 * names), the device certificate presented for mutual TLS (and only there), HTTP 401 meaning "no usable DRS
 * credential" (exit 5).
 */
class HttpsOnlyAndClientCertificateTest {
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static final UUID DEVICE = UUID.fromString("11112222-3333-4444-5555-666677778888");
    static final AccessToken TOKEN = new AccessToken("t.o.k", Optional.empty(), Optional.empty());

    static TestCertificates ca;
    static SSLContext serverTls;
    /** Generated once: RSA-2048 generation is slow on a loaded machine. */
    static KeyPair deviceKey;
    static KeyPair transportKey;

    @BeforeAll
    static void authority() throws Exception {
        ca = TestCertificates.newAuthority("dsreg test CA");
        deviceKey = TestCertificates.rsaKeyPair();
        transportKey = TestCertificates.rsaKeyPair();
        KeyPair serverKey = TestCertificates.rsaKeyPair();
        X509Certificate serverCert = ca.tlsServerCertificate(serverKey.getPublic(), "127.0.0.1", List.of(),
                List.of("127.0.0.1"), Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", serverKey.getPrivate(), new char[0],
                new X509Certificate[] {serverCert, ca.caCertificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        // the server trusts device certificates of the same CA, as DRS trusts those it issued
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    }

    @TempDir
    Path dir;
    MockWebServer server;
    HttpDrsClient client;
    final MemoryKeyStorage storage = new MemoryKeyStorage();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.useHttps(serverTls.getSocketFactory(), false);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        Path pem = Files.writeString(dir.resolve("ca.pem"), TestCertificates.pem(ca.caCertificate()));
        DrsSettings settings = new DrsSettings(URI.create(base()), Optional.of(pem), Duration.ofSeconds(5), "0.1.0");
        client = new HttpDrsClient(settings, new HttpClients(settings));
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    String base() {
        return "https://127.0.0.1:" + server.getPort();
    }

    ServiceEndpoint joinService(String scheme) {
        return new ServiceEndpoint("2.0", scheme + "://127.0.0.1:" + server.getPort() + "/EnrollmentServer/device/",
                "urn:ms-drs:127.0.0.1");
    }

    Discovery discovery(String joinScheme, String nonceScheme) {
        TenantDetails details = new TenantDetails(TENANT, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(joinService(joinScheme)), Optional.empty(), Optional.empty(), Optional.empty());
        return new Discovery(details, Optional.of(new ServiceEndpoint("1.0", nonceScheme + "://127.0.0.1:"
                + server.getPort() + "/EnrollmentServer/nonce/", "x")), "127.0.0.1");
    }

    /** The device certificate for a key generated in the storage under "device". */
    CertificateInfo deviceCertificate() throws Exception {
        storage.keys.put("device", deviceKey);
        PublicKey key = deviceKey.getPublic();
        X509Certificate cert = ca.deviceCertificate(key, DEVICE, TENANT.value(), "0",
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        byte[] der = cert.getEncoded();
        return new CertificateInfo(cert.getSubjectX500Principal().getName(),
                cert.getIssuerX500Principal().getName(), cert.getSerialNumber().toString(16),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), Thumbprint.ofDer(der),
                key.getEncoded(), der);
    }

    // --- HTTPS only -------------------------------------------------------------------------------

    @Test
    void aDrsUrlThatIsNotHttpsIsRefused() {
        for (String url : List.of("http://enterpriseregistration.windows.net", "ftp://drs.example", "drs.example")) {
            org.dsreg.domain.DsregException e = assertThrows(org.dsreg.domain.DsregException.class,
                    () -> new DrsSettings(URI.create(url), Optional.empty(), Duration.ofSeconds(1), "0.1.0"), url);
            assertEquals(org.dsreg.domain.ErrorKind.INVALID_ARGUMENTS, e.kind());
            assertEquals("the DRS URL must be an https URL with a host: " + url, e.getMessage());
        }
        assertEquals("HTTPS", new DrsSettings(URI.create("HTTPS://drs.example"), Optional.empty(),
                Duration.ofSeconds(1), "0.1.0").discoveryBase().getScheme(), "schemes are case-insensitive");
        assertEquals("https", new DrsSettings(URI.create("https://enterpriseregistration.windows.net"), Optional.empty(),
                Duration.ofSeconds(1), "0.1.0").discoveryBase().getScheme());
    }

    @Test
    void aJoinServiceThatDiscoveryNamesOverPlainHttpIsNeverSentTheToken() {
        DrsException e = assertThrows(DrsException.class, () -> client.join(discovery("http", "https"),
                new AccessToken("secret-token", Optional.empty(), Optional.empty()),
                new JoinRequest(new byte[] {1}, transportKey.getPublic(), "h", "Linux", "os", "n", JoinType.JOINED,
                        DeviceMode.EXCLUSIVE)));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals("discovery gave an invalid join service URL", e.getMessage());
        assertEquals(0, server.getRequestCount(), "nothing was sent");
    }

    @Test
    void aNonceServiceOverPlainHttpIsRefused() {
        DrsException e = assertThrows(DrsException.class, () -> client.nonce(discovery("https", "http"), TOKEN));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals("discovery gave an invalid nonce service URL", e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aProbeOfAPlainHttpUrlIsRefused() {
        DrsException e = assertThrows(DrsException.class, () -> client.probe("http://127.0.0.1:" + server.getPort()
                + "/"));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals("discovery gave an invalid service URL", e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aDeviceCheckAgainstAPlainHttpJoinServiceIsRefusedBeforeTheCertificateIsShown() throws Exception {
        CertificateInfo cert = deviceCertificate();
        DrsException e = assertThrows(DrsException.class, () -> client.checkDevice(joinService("http"),
                new DeviceId(DEVICE), cert, storage, "device"));
        assertEquals("discovery gave an invalid join service URL", e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aProbeOverHttpsReportsTheStatusAndTheServersClock() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(404).setHeader("Date", "Mon, 01 Jun 2026 00:00:00 GMT"));
        var probe = client.probe(base() + "/EnrollmentServer/device/");
        assertEquals(404, probe.httpStatus());
        assertEquals(Optional.of(Instant.parse("2026-06-01T00:00:00Z")), probe.serverDate());
        assertEquals("HEAD", server.takeRequest(1, TimeUnit.SECONDS).getMethod());
    }

    // --- mutual TLS -------------------------------------------------------------------------------

    @Test
    void theDeviceCertificateIsPresentedForMutualTls() throws Exception {
        server.requireClientAuth();
        CertificateInfo cert = deviceCertificate();
        server.enqueue(new MockResponse().setBody("{}"));
        client.checkDevice(joinService("https"), new DeviceId(DEVICE), cert, storage, "device");
        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("GET", r.getMethod());
        assertEquals("/EnrollmentServer/device/" + DEVICE + "?api-version=1.0", r.getPath());
        List<Certificate> presented = r.getHandshake().peerCertificates();
        assertEquals(1, presented.size(), "the device certificate alone");
        assertArrayEquals(cert.der(), presented.get(0).getEncoded());
        assertTrue(storage.signatures > 0, "the handshake was signed through the key storage");
    }

    @Test
    void theDeviceObjectIsEnabledOrDisabledOnlyWhenDrsSaysSo() throws Exception {
        CertificateInfo cert = deviceCertificate();
        server.enqueue(new MockResponse().setBody("{\"DisplayName\":\"box-1\"}"));
        server.enqueue(new MockResponse().setBody("{\"Enabled\":false}"));
        server.enqueue(new MockResponse().setBody("{\"Enabled\":true}"));
        server.enqueue(new MockResponse().setBody("{\"Enabled\":\"false\"}"));
        var unsaid = client.readDevice(joinService("https"), new DeviceId(DEVICE), cert, storage, "device");
        assertEquals(Optional.empty(), unsaid.enabled(), "no Enabled: DRS did not say");
        assertFalse(unsaid.disabled());
        assertEquals(Optional.of("box-1"), unsaid.displayName());
        assertTrue(client.readDevice(joinService("https"), new DeviceId(DEVICE), cert, storage, "device")
                .disabled());
        assertEquals(Optional.of(true), client.readDevice(joinService("https"), new DeviceId(DEVICE), cert, storage,
                "device").enabled());
        assertEquals(Optional.empty(), client.readDevice(joinService("https"), new DeviceId(DEVICE), cert, storage,
                "device").enabled(), "a string is not a boolean: not read as either");
    }

    @Test
    void ordinaryRequestsPresentNoCertificate() throws Exception {
        server.requestClientAuth();
        server.enqueue(new MockResponse().setBody("{\"Value\":\"N\"}"));
        assertEquals(Optional.of("N"), client.nonce(discovery("https", "https"), TOKEN));
        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals(List.of(), r.getHandshake().peerCertificates());
    }

    @Test
    void withoutTheDeviceKeyDrsIsNotAskedAndTheCredentialIsMissing() throws Exception {
        CertificateInfo cert = deviceCertificate();
        storage.keys.clear();
        var e = assertThrows(org.dsreg.domain.DsregException.class, () -> client.checkDevice(joinService("https"),
                new DeviceId(DEVICE), cert, storage, "device"));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertEquals("the device key memory:device is missing; DRS cannot be asked without it", e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    // --- what a refusal means -----------------------------------------------------------------------

    @Test
    void http401ToTheDeviceCheckIsAMissingCredentialAndOtherRefusalsAreQueryFailures() throws Exception {
        CertificateInfo cert = deviceCertificate();
        server.enqueue(new MockResponse().setResponseCode(401).setBody(
                "{\"ErrorType\":\"AuthenticationError\",\"Message\":\" no \",\"TraceId\":\"t-1\"}"));
        DrsException e = assertThrows(DrsException.class, () -> client.checkDevice(joinService("https"),
                new DeviceId(DEVICE), cert, storage, "device"));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertEquals(401, e.httpStatus());
        assertEquals(Optional.of("AuthenticationError"), e.errorType());
        assertEquals(Optional.of("t-1"), e.traceId());
        String id = server.takeRequest(1, TimeUnit.SECONDS).getHeader("client-request-id");
        assertEquals("DRS refused the device authentication request: HTTP 401 AuthenticationError: no"
                + " (request id " + id + ", trace id t-1)", e.getMessage());

        server.enqueue(new MockResponse().setResponseCode(403).setBody("{\"error\":\"forbidden\","
                + "\"error_description\":\"disabled\"}"));
        DrsException forbidden = assertThrows(DrsException.class, () -> client.checkDevice(joinService("https"),
                new DeviceId(DEVICE), cert, storage, "device"));
        assertEquals(ErrorKind.QUERY_FAILED, forbidden.kind());
        assertTrue(forbidden.getMessage().startsWith("DRS refused the device authentication request: HTTP 403"
                + " forbidden: disabled (request id "), forbidden.getMessage());
    }

    @Test
    void http401ToTheJoinIsExitFiveAndTheJoinTypeIsSentAsDrsNumbersIt() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(401).setBody("not json"));
        DrsException e = assertThrows(DrsException.class, () -> join(JoinType.JOINED));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertEquals(5, e.kind().exitCode());
        assertTrue(e.getMessage().startsWith("DRS refused the join request: HTTP 401 (request id "), e.getMessage());
        RecordedRequest joined = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals(0, new ObjectMapper().readTree(joined.getBody().readUtf8()).get("JoinType").intValue());

        server.enqueue(new MockResponse().setResponseCode(400).setBody("{}"));
        assertEquals(ErrorKind.QUERY_FAILED, assertThrows(DrsException.class, () -> join(JoinType.REGISTERED))
                .kind());
        RecordedRequest registered = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals(4, new ObjectMapper().readTree(registered.getBody().readUtf8()).get("JoinType").intValue());
    }

    @Test
    void aReplyThatIsNotAJsonObjectIsMalformed() {
        server.enqueue(new MockResponse().setBody("[1,2]"));
        DrsException e = assertThrows(DrsException.class, () -> client.nonce(discovery("https", "https"), TOKEN));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals("DRS sent a malformed nonce reply: not a JSON object", e.getMessage());
        server.enqueue(new MockResponse().setBody("{}"));
        assertEquals("DRS sent a malformed nonce reply: no Value",
                assertThrows(DrsException.class, () -> client.nonce(discovery("https", "https"), TOKEN)).getMessage());
    }

    private void join(JoinType type) throws Exception {
        PublicKey transport = transportKey.getPublic();
        client.join(discovery("https", "https"), new AccessToken("tok", Optional.empty(), Optional.empty()),
                new JoinRequest(new byte[] {1}, transport, "h", "Linux", "os", "n", type, DeviceMode.EXCLUSIVE));
    }
}
