package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.Thumbprint;
import org.dsreg.port.out.DeviceNotFoundException;
import org.dsreg.port.out.DrsException;
import org.dsreg.testkit.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each refusal of the DRS adapter, with its exact kind and reason. Real TLS on loopback. */
class DrsRefusalsTest {
    static final TestCertificates CA = TestCertificates.newAuthority("MS-Organization-Access");
    static final DeviceId DEVICE = new DeviceId(UUID.fromString("00aa00aa-bb11-cc22-dd33-44ee44ee44ee"));

    @TempDir
    Path dir;
    LoopbackTls tls;
    MockWebServer server;
    final MemoryKeyStorage storage = new MemoryKeyStorage();

    @BeforeEach
    void start() throws Exception {
        tls = new LoopbackTls();
        server = tls.serverAskingForClientCertificates();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    HttpDrsClient client(MockWebServer s) throws Exception {
        DrsSettings settings = new DrsSettings(URI.create("https://127.0.0.1:" + s.getPort()),
                Optional.of(tls.writePem(dir)), Duration.ofSeconds(5), "0.1.0");
        return new HttpDrsClient(settings, new HttpClients(settings));
    }

    ServiceEndpoint join(MockWebServer s) {
        return new ServiceEndpoint("2.0", "https://127.0.0.1:" + s.getPort() + "/EnrollmentServer/device/", "urn:x");
    }

    /** A device certificate for {@code key}, as DRS issues it. */
    static CertificateInfo certificate(PublicKey key) throws Exception {
        X509Certificate c = CA.deviceCertificate(key, DEVICE.value(), UUID.randomUUID(), "0",
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        byte[] der = c.getEncoded();
        return new CertificateInfo("CN=" + DEVICE, "CN=MS-Organization-Access", "1", Instant.now(), Instant.now(),
                Thumbprint.ofDer(der), key.getEncoded(), der);
    }

    void delete(HttpDrsClient c, MockWebServer s) throws Exception {
        c.delete(join(s), DEVICE, certificate(storage.publicKey("device").orElseGet(() -> storage.generate("device"))),
                storage, "device");
    }

    @Test
    void aDeleteAnswered200Or204IsDone() throws Exception {
        // the service answers 200 (what ROADtools' delete_device tests for); 204 is success all the same
        server.enqueue(new MockResponse().setResponseCode(200));
        server.enqueue(new MockResponse().setResponseCode(204));
        delete(client(server), server);
        delete(client(server), server);
        assertEquals("DELETE", server.takeRequest().getMethod());
        assertEquals("DELETE", server.takeRequest().getMethod());
    }

    @Test
    void notFoundAfterOurCertificateWasPresentedIsDeviceNotFound() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"ErrorType\":\"NotFound\",\"TraceId\":\"t-1\"}"));
        DeviceNotFoundException e = assertThrows(DeviceNotFoundException.class, () -> delete(client(server), server));
        assertEquals(ErrorKind.UNREGISTRATION_FAILED, e.kind());
        assertEquals(404, e.httpStatus());
        assertTrue(e.getMessage().startsWith("DRS has no device " + DEVICE + ": HTTP 404 NotFound"), e.getMessage());
        assertEquals("DELETE", server.takeRequest().getMethod());
    }

    @Test
    void deviceNotFoundErrorTypeOnAnotherStatusIsDeviceNotFound() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(400).setBody("{\"ErrorType\":\"DeviceNotFound\"}"));
        DeviceNotFoundException e = assertThrows(DeviceNotFoundException.class, () -> delete(client(server), server));
        assertEquals(Optional.of("DeviceNotFound"), e.errorType());
    }

    @Test
    void notFoundFromAServerThatNeverAskedForOurCertificateIsNotTrusted() throws Exception {
        MockWebServer anonymous = tls.server(); // no CertificateRequest in its handshake
        try {
            anonymous.enqueue(new MockResponse().setResponseCode(404).setBody("{\"ErrorType\":\"DeviceNotFound\"}"));
            DrsException e = assertThrows(DrsException.class, () -> delete(client(anonymous), anonymous));
            assertFalse(e instanceof DeviceNotFoundException, "a 404 nobody authenticated proves nothing");
            assertEquals(ErrorKind.UNREGISTRATION_FAILED, e.kind());
            assertTrue(e.getMessage().contains("without asking for the device certificate"), e.getMessage());
        } finally {
            anonymous.shutdown();
        }
    }

    @Test
    void anyOtherRefusalOfTheDeleteIsUnregistrationFailed() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(403).setBody("{\"ErrorType\":\"AuthorizationError\"}"));
        DrsException e = assertThrows(DrsException.class, () -> delete(client(server), server));
        assertFalse(e instanceof DeviceNotFoundException);
        assertEquals(ErrorKind.UNREGISTRATION_FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("DRS refused the unregistration request: HTTP 403 AuthorizationError"),
                e.getMessage());
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedBeforeAnyRequest() throws Exception {
        PublicKey other = storage.generate("other");
        storage.generate("device");
        DsregException e = assertThrows(DsregException.class, () -> client(server).delete(join(server), DEVICE,
                certificate(other), storage, "device"));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertEquals("the device key memory:device does not match the device certificate (its public key is not the"
                + " certificate's); DRS cannot be asked with it", e.getMessage());
        assertEquals(0, server.getRequestCount(), "no request");
        assertThrows(DsregException.class, () -> client(server).checkDevice(join(server), DEVICE, certificate(other),
                storage, "device"));
        assertEquals(0, server.getRequestCount(), "no request");
    }

    @Test
    void aMissingDeviceKeyIsRefusedBeforeAnyRequest() throws Exception {
        PublicKey other = storage.generate("other");
        DsregException e = assertThrows(DsregException.class, () -> client(server).delete(join(server), DEVICE,
                certificate(other), storage, "device"));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, e.kind());
        assertTrue(e.getMessage().contains("memory:device is missing"), e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aReplyLargerThanTheBoundIsTooLargeWhateverItHolds() throws Exception {
        HttpDrsClient c = client(server);
        Buffer huge = new Buffer().writeUtf8("[" + " ".repeat(DrsCalls.MAX_BODY) + "]");
        server.enqueue(new MockResponse().setBody(huge)); // declared length
        DrsException declared = assertThrows(DrsException.class, () -> c.discover("contoso.example"));
        assertTrue(declared.getMessage().startsWith("DRS's discovery reply is too large (more than 1024 KiB"),
                declared.getMessage());
        assertEquals(ErrorKind.QUERY_FAILED, declared.kind());

        server.enqueue(new MockResponse().setChunkedBody("{\"x\":\"" + "y".repeat(DrsCalls.MAX_BODY) + "\"}", 65536));
        DrsException chunked = assertThrows(DrsException.class, () -> c.discover("contoso.example"));
        assertTrue(chunked.getMessage().contains("too large"), chunked.getMessage());

        server.enqueue(new MockResponse().setResponseCode(500).setBody("x".repeat(DrsCalls.MAX_BODY + 1)));
        assertTrue(assertThrows(DrsException.class, () -> c.discover("contoso.example")).getMessage()
                .contains("too large"), "an error body too");
    }

    @Test
    void aReplyWithinTheBoundThatIsNoObjectIsMalformed() throws Exception {
        server.enqueue(new MockResponse().setBody("[1]"));
        assertEquals("DRS sent a malformed discovery reply: not a JSON object",
                assertThrows(DrsException.class, () -> client(server).discover("contoso.example")).getMessage());
    }

    @Test
    void urlsAreHttpsInAnyCaseAndNothingElse() {
        assertEquals("https", HttpDrsClient.url("HTTPS://drs.example/EnrollmentServer/device/", "join service").scheme());
        assertEquals("https", HttpDrsClient.url("HtTpS://drs.example/", "join service").scheme());
        for (String bad : new String[] {"http://drs.example/", "HTTP://drs.example/", "ftp://drs.example/", "drs", ""}) {
            DrsException e = assertThrows(DrsException.class, () -> HttpDrsClient.url(bad, "join service"), bad);
            assertEquals("discovery gave an invalid join service URL", e.getMessage());
            assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        }
        new DrsSettings(URI.create("HTTPS://drs.example"), Optional.empty(), Duration.ofSeconds(1), "1");
        DsregException e = assertThrows(DsregException.class, () -> new DrsSettings(URI.create("http://drs.example"),
                Optional.empty(), Duration.ofSeconds(1), "1"));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertEquals("the DRS URL must be an https URL with a host: http://drs.example", e.getMessage());
    }

    @Test
    void aCaFileThatIsADirectoryOrNoPemSaysSoInWords() throws Exception {
        DsregException d = assertThrows(DsregException.class, () -> Tls.readPem(dir));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, d.kind());
        assertEquals("the CA file " + dir + " is a directory", d.getMessage());
        Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
        DsregException j = assertThrows(DsregException.class, () -> Tls.readPem(junk));
        assertEquals("the CA file " + junk + " holds no readable PEM certificate", j.getMessage());
        assertEquals("there is no CA file " + dir.resolve("none"),
                assertThrows(DsregException.class, () -> Tls.readPem(dir.resolve("none"))).getMessage());
    }

    @Test
    void aTokenFileIsReadWithAWarningWhenOthersCanReadIt() throws Exception {
        HttpDrsTokens tokens = new HttpDrsTokens(new HttpClients(new DrsSettings(URI.create("https://x"),
                Optional.empty(), Duration.ofSeconds(1), "1")));
        Path file = Files.writeString(dir.resolve("token"), "a.b.c\n");
        List<String> warnings = new ArrayList<>();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals("a.b.c", tokens.fromFile(file, warnings::add).token());
        assertEquals(List.of(), warnings);
        for (String mode : new String[] {"rw-r-----", "rw----r--"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            assertEquals("a.b.c", tokens.fromFile(file, warnings::add).token(), "still used");
        }
        assertEquals(2, warnings.size());
        assertEquals("dsreg: warning: the token file " + file + " is readable by group or others; protect it with"
                + " 'chmod 600 " + file + "'", warnings.get(0));

        DsregException d = assertThrows(DsregException.class, () -> tokens.fromFile(dir, warnings::add));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, d.kind());
        assertEquals("the token file " + dir + " is a directory", d.getMessage());
        Path big = Files.writeString(dir.resolve("big"), "x".repeat(64 * 1024 + 1));
        assertTrue(assertThrows(DsregException.class, () -> tokens.fromFile(big)).getMessage()
                .startsWith("the token file " + big + " is too large"));
        Path two = Files.writeString(dir.resolve("two"), "a.b.c d.e.f");
        assertEquals("the token file " + two + " does not hold one access token",
                assertThrows(DsregException.class, () -> tokens.fromFile(two)).getMessage());
    }

    @Test
    void aTokenFilesClaimsAreRead() throws Exception {
        String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"aud\":\"urn:ms-drs:enterpriseregistration.windows.net\",\"tid\":\"t-1\",\"exp\":1900000000}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path file = Files.writeString(dir.resolve("claims"), "eyJhbGciOiJub25lIn0." + payload + ".sig");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        HttpDrsTokens tokens = new HttpDrsTokens(new HttpClients(new DrsSettings(URI.create("https://x"),
                Optional.empty(), Duration.ofSeconds(1), "1")));
        var token = tokens.fromFile(file);
        assertEquals(java.util.Optional.of("t-1"), token.tenant());
        assertEquals(java.util.Optional.of("urn:ms-drs:enterpriseregistration.windows.net"), token.audience());
        assertEquals(java.util.Optional.of(java.time.Instant.ofEpochSecond(1900000000)), token.expiresOn());
    }
}
