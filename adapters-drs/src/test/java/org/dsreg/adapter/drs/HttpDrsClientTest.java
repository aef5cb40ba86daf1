package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.JoinRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the DRS client puts on the wire, and how it reads what comes back, over real TLS on loopback. */
class HttpDrsClientTest {
    static final String TENANT = "aaaabbbb-0000-cccc-1111-dddd2222eeee";
    final ObjectMapper json = new ObjectMapper();
    final MemoryKeyStorage storage = new MemoryKeyStorage();

    @TempDir
    Path dir;
    LoopbackTls tls;
    MockWebServer server;
    HttpDrsClient client;

    @BeforeEach
    void start() throws Exception {
        tls = new LoopbackTls();
        server = tls.server();
        DrsSettings settings = new DrsSettings(URI.create("https://127.0.0.1:" + server.getPort()),
                Optional.of(tls.writePem(dir)), Duration.ofSeconds(10), "0.1.0");
        client = new HttpDrsClient(settings, new HttpClients(settings));
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    String discoveryJson() {
        String base = "https://127.0.0.1:" + server.getPort();
        return """
            {"DeviceJoinService":{"JoinEndpoint":"%1$s/EnrollmentServer/device/","JoinResourceId":"urn:ms-drs:127.0.0.1","ServiceVersion":"2.0"},
             "NonceService":{"Endpoint":"%1$s/EnrollmentServer/nonce/%2$s/","ResourceId":"urn:ms-drs:127.0.0.1","ServiceVersion":"1.0"},
             "KeyProvisioningService":{"KeyProvisionEndpoint":"%1$s/EnrollmentServer/key/","KeyProvisionResourceId":"urn:ms-drs:x","ServiceVersion":"1.0"},
             "AuthenticationService":{"OAuth2":{"AuthCodeEndpoint":"%1$s/%2$s/oauth2/authorize","TokenEndpoint":"%1$s/%2$s/oauth2/token"}},
             "TenantInfo":{"DisplayName":"Contoso","TenantId":"%2$s","TenantName":"contoso.example"},
             "SomethingNew":{"x":1}}
            """.formatted(base, TENANT);
    }

    Discovery discover() throws Exception {
        server.enqueue(new MockResponse().setBody(discoveryJson()));
        Discovery d = client.discover("contoso.example");
        server.takeRequest(1, TimeUnit.SECONDS);
        return d;
    }

    @Test
    void discoveryAsksWithApiVersionAndClientHeadersAndReadsTheTenant() throws Exception {
        server.enqueue(new MockResponse().setBody(discoveryJson()));
        Discovery d = client.discover("contoso.example");
        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("GET", r.getMethod());
        assertEquals("/contoso.example/Discover?api-version=1.9", r.getPath());
        assertEquals("dsreg", r.getHeader("ocp-adrs-client-name"));
        assertEquals("0.1.0", r.getHeader("ocp-adrs-client-version"));
        assertTrue(r.getHeader("client-request-id").matches("[0-9a-f-]{36}"));
        assertEquals("application/json", r.getHeader("Accept"));
        assertEquals(TENANT, d.details().tenantId().toString());
        assertEquals(Optional.of("contoso.example"), d.details().tenantName());
        assertEquals("2.0", d.details().joinService().orElseThrow().version());
        assertEquals("1.0", d.nonceService().orElseThrow().version());
        assertEquals("127.0.0.1", d.drsHost());
        assertTrue(d.details().accessTokenUrl().orElseThrow().endsWith("/oauth2/token"));
    }

    @Test
    void nonceAndJoinRequestsHaveTheirShape() throws Exception {
        Discovery d = discover();
        server.enqueue(new MockResponse().setBody("{\"ReponseStatus\":{\"message\":\"ok\"},\"Value\":\"N0NCE\"}"));
        AccessToken token = new AccessToken("tok.en.sig", Optional.empty(), Optional.empty());
        assertEquals(Optional.of("N0NCE"), client.nonce(d, token));
        RecordedRequest n = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("/EnrollmentServer/nonce/" + TENANT + "/?api-version=1.0", n.getPath());
        assertEquals("Bearer tok.en.sig", n.getHeader("Authorization"), "the nonce is asked with the DRS token");

        var device = storage.generate("device");
        var transport = storage.generate("transport");
        byte[] csr = client.certificateRequest(storage, "device", device, Optional.of("N0NCE"));
        server.enqueue(new MockResponse().setResponseCode(201).setBody(
                "{\"Certificate\":{\"Thumbprint\":\"AB\",\"RawBody\":\"AAEC\"},\"User\":{\"Upn\":\"a@b.c\"}}"));
        var reply = client.join(d, token, new JoinRequest(csr, transport, "contoso.example", "Linux", "Debian 12",
                "host-1", JoinType.REGISTERED, DeviceMode.EXCLUSIVE));
        assertEquals(Optional.of("a@b.c"), reply.upn());
        assertEquals(3, reply.certificateDer().length);

        RecordedRequest j = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("POST", j.getMethod());
        assertEquals("/EnrollmentServer/device/?api-version=2.0", j.getPath());
        assertEquals("Bearer tok.en.sig", j.getHeader("Authorization"));
        assertTrue(j.getHeader("Content-Type").startsWith("application/json"));
        JsonNode body = json.readTree(j.getBody().readUtf8());
        assertEquals("pkcs10", body.at("/CertificateRequest/Type").asText());
        assertTrue(body.at("/CertificateRequest/Data").isTextual());
        assertTrue(body.get("TransportKey").asText().startsWith("UlNBMQ"), "base64 of RSA1");
        assertEquals(4, body.get("JoinType").asInt());
        assertTrue(body.get("JoinType").isInt(), "a number, not a string");
        assertEquals("Linux", body.get("DeviceType").asText());
        assertEquals("Debian 12", body.get("OSVersion").asText());
        assertEquals("host-1", body.get("DeviceDisplayName").asText());
        assertEquals("contoso.example", body.get("TargetDomain").asText());
        // the Attributes real clients send: strings, and no SharedDevice unless asked for
        assertEquals("\"true\"", body.at("/Attributes/ReuseDevice").toString());
        assertEquals("\"true\"", body.at("/Attributes/ReturnClientSid").toString());
        assertFalse(body.path("Attributes").has("SharedDevice"), "an exclusive device asks for nothing");
    }

    @Test
    void aSharedJoinAsksDrsForASharedDeviceAsAString() throws Exception {
        Discovery d = discover();
        server.enqueue(new MockResponse().setResponseCode(201).setBody(
                "{\"Certificate\":{\"Thumbprint\":\"AB\",\"RawBody\":\"AAEC\"}}"));
        join(d, DeviceMode.SHARED);
        JsonNode body = json.readTree(server.takeRequest(1, TimeUnit.SECONDS).getBody().readUtf8());
        assertEquals("true", body.at("/Attributes/SharedDevice").textValue(), "the string true, as clients send it");
        assertEquals(0, body.get("JoinType").asInt());
    }

    @Test
    void errorDetailsReachTheMessageAndTheExitCode() throws Exception {
        Discovery d = discover();
        server.enqueue(new MockResponse().setResponseCode(400).setBody(
                "{\"ErrorType\":\"InvalidParameter\",\"Message\":\"The CSR is bad\",\"TraceId\":\"t-123\",\"Time\":\"x\"}"));
        DrsException e = assertThrows(DrsException.class, () -> join(d));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals(400, e.httpStatus());
        assertTrue(e.getMessage().contains("InvalidParameter: The CSR is bad"), e.getMessage());
        assertTrue(e.getMessage().contains("trace id t-123"), e.getMessage());

        server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"ErrorType\":\"AuthenticationError\"}"));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, assertThrows(DrsException.class, () -> join(d)).kind());

        server.enqueue(new MockResponse().setResponseCode(500).setBody("oops"));
        DrsException five = assertThrows(DrsException.class, () -> join(d));
        assertTrue(five.getMessage().contains("HTTP 500"), five.getMessage());
    }

    @Test
    void malformedTruncatedAndSlowRepliesAreClearFailures() throws Exception {
        Discovery d = discover();
        server.enqueue(new MockResponse().setBody("{\"Certificate\":"));
        assertTrue(assertThrows(DrsException.class, () -> join(d)).getMessage().contains("malformed join reply"));

        server.enqueue(new MockResponse().setBody("{\"Certificate\":{\"Thumbprint\":\"AB\",\"RawBody\":\"AAAA\"}}")
                .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
        DrsException truncated = assertThrows(DrsException.class, () -> join(d));
        assertEquals(ErrorKind.QUERY_FAILED, truncated.kind());

        HttpDrsClient patient = client;
        DrsSettings impatient = new DrsSettings(URI.create("https://127.0.0.1:" + server.getPort()),
                Optional.of(tls.writePem(dir)), Duration.ofSeconds(1), "0.1.0");
        client = new HttpDrsClient(impatient, new HttpClients(impatient));
        server.enqueue(new MockResponse().setBody("{}").setHeadersDelay(3, TimeUnit.SECONDS));
        DrsException slow = assertThrows(DrsException.class, () -> join(d));
        assertTrue(slow.getMessage().contains("did not answer"), slow.getMessage());
        client = patient;

        server.enqueue(new MockResponse().setBody("{\"Certificate\":{\"Thumbprint\":\"AB\"}}"));
        assertTrue(assertThrows(DrsException.class, () -> join(d)).getMessage().contains("RawBody"));
    }

    @Test
    void theTokenNeverAppearsInAFailureMessage() throws Exception {
        Discovery d = discover();
        server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"Message\":\"nope\"}"));
        DrsException e = assertThrows(DrsException.class, () -> join(d));
        assertFalse(e.getMessage().contains("secret-token"), e.getMessage());
    }

    @Test
    void anUntrustedServerIsRefused() throws Exception {
        DrsSettings noExtraCa = new DrsSettings(URI.create("https://127.0.0.1:" + server.getPort()), Optional.empty(),
                Duration.ofSeconds(2), "0.1.0");
        HttpDrsClient strict = new HttpDrsClient(noExtraCa, new HttpClients(noExtraCa));
        server.enqueue(new MockResponse().setBody(discoveryJson()));
        DrsException e = assertThrows(DrsException.class, () -> strict.discover("contoso.example"));
        assertTrue(e.getMessage().toLowerCase().contains("certification path")
                || e.getMessage().toLowerCase().contains("trust"), e.getMessage());
    }

    private void join(Discovery d) {
        join(d, DeviceMode.EXCLUSIVE);
    }

    private void join(Discovery d, DeviceMode mode) {
        var device = storage.publicKey("d").orElseGet(() -> storage.generate("d"));
        var transport = storage.publicKey("t").orElseGet(() -> storage.generate("t"));
        client.join(d, new AccessToken("secret-token", Optional.empty(), Optional.empty()),
                new JoinRequest(new byte[] {1}, transport, "h", "Linux", "os", "name", JoinType.JOINED, mode));
    }
}
