package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceManagement;
import org.dsreg.port.out.GraphException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Graph client sends for a device, and how it reads Graph's answers, over real TLS on loopback. */
class HttpGraphDevicesTest {
    static final DeviceId DEVICE = DeviceId.parse("11112222-3333-4444-5555-666677778888");
    static final AccessToken TOKEN = new AccessToken("eyJ.graph.token", Optional.empty(), Optional.empty());

    @TempDir
    Path dir;
    MockWebServer server;
    HttpGraphDevices graph;
    URI base;

    @BeforeEach
    void start() throws Exception {
        LoopbackTls tls = new LoopbackTls();
        server = tls.server();
        base = URI.create("https://127.0.0.1:" + server.getPort());
        DrsSettings settings = new DrsSettings(URI.create("https://drs.example"), Optional.of(tls.writePem(dir)),
                Duration.ofSeconds(10), "0.1.0");
        graph = new HttpGraphDevices(settings, new HttpClients(settings));
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    @Test
    void asksForTheDeviceByDeviceIdWithOnlyTheFieldsNeededAndReadsThem() throws Exception {
        server.enqueue(new MockResponse().setBody("""
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#devices(id,deviceId)",
             "value":[{"id":"obj-1","deviceId":"%s","accountEnabled":false,"isManaged":true,"isCompliant":null,
               "trustType":"AzureAd","managementType":"MDM","mdmAppId":"0000000a-0000-0000-c000-000000000000",
               "approximateLastSignInDateTime":"2026-11-30T08:00:00Z","complianceExpirationDateTime":"not a date",
               "operatingSystem":"Linux","operatingSystemVersion":"Debian GNU/Linux 12 (bookworm)","extra":1}]}
            """.formatted(DEVICE.toString().toUpperCase())));
        DeviceManagement d = graph.device(base, TOKEN, DEVICE).orElseThrow();
        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("GET", r.getMethod());
        assertEquals("/v1.0/devices", r.getRequestUrl().encodedPath());
        assertEquals("deviceId eq '" + DEVICE + "'", r.getRequestUrl().queryParameter("$filter"));
        assertEquals("id,deviceId,accountEnabled,isManaged,isCompliant,trustType,managementType,mdmAppId,"
                + "approximateLastSignInDateTime,complianceExpirationDateTime,operatingSystem,operatingSystemVersion",
                r.getRequestUrl().queryParameter("$select"));
        assertEquals("Bearer eyJ.graph.token", r.getHeader("Authorization"));
        assertEquals("application/json", r.getHeader("Accept"));
        assertEquals("dsreg/0.1.0", r.getHeader("User-Agent"));
        assertTrue(r.getHeader("client-request-id").matches("[0-9a-f-]{36}"));
        assertEquals(new DeviceManagement("obj-1", Optional.of(false), Optional.of(true), Optional.empty(),
                Optional.of("AzureAd"), Optional.of("MDM"), Optional.of("0000000a-0000-0000-c000-000000000000"),
                Optional.of(Instant.parse("2026-11-30T08:00:00Z")), Optional.empty(), Optional.of("Linux"),
                Optional.of("Debian GNU/Linux 12 (bookworm)")), d);
        assertEquals(Optional.of("Microsoft Intune"), d.managementApp());
        assertTrue(d.disabled());
    }

    @Test
    void aBaseWithAPathKeepsItAndAnEmptyValueIsNoDevice() throws Exception {
        server.enqueue(new MockResponse().setBody("{\"value\":[]}"));
        assertEquals(Optional.empty(), graph.device(URI.create(base + "/graph/"), TOKEN, DEVICE));
        assertEquals("/graph/v1.0/devices", server.takeRequest(1, TimeUnit.SECONDS).getRequestUrl().encodedPath());
    }

    @Test
    void anotherDevicesEntryIsNotThisOne() {
        server.enqueue(new MockResponse().setBody("{\"value\":[{\"id\":\"x\",\"deviceId\":\"other\"}]}"));
        assertEquals(Optional.empty(), graph.device(base, TOKEN, DEVICE));
    }

    @Test
    void aRefusalKeepsGraphsStatusAndCodeAndNeverTheToken() {
        server.enqueue(new MockResponse().setResponseCode(403).setBody("""
            {"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the\\n\
             operation.","innerError":{"request-id":"r"}}}"""));
        GraphException e = assertThrows(GraphException.class, () -> graph.device(base, TOKEN, DEVICE));
        assertEquals(403, e.httpStatus());
        assertEquals(Optional.of("Authorization_RequestDenied"), e.errorCode());
        assertTrue(e.getMessage().startsWith("Microsoft Graph refused the device request: HTTP 403"
                + " Authorization_RequestDenied: Insufficient privileges to complete the operation. (request id "),
                e.getMessage());
        assertFalse(e.getMessage().contains("eyJ"));
    }

    @Test
    void aRefusalWithoutGraphsErrorSaysTheStatus() {
        server.enqueue(new MockResponse().setResponseCode(401).setBody("nope"));
        GraphException e = assertThrows(GraphException.class, () -> graph.device(base, TOKEN, DEVICE));
        assertEquals(401, e.httpStatus());
        assertEquals(Optional.empty(), e.errorCode());
    }

    @Test
    void aReplyWithoutValueOrAnIdIsMalformed() {
        server.enqueue(new MockResponse().setBody("{\"devices\":[]}"));
        assertTrue(assertThrows(GraphException.class, () -> graph.device(base, TOKEN, DEVICE)).getMessage()
                .startsWith("Microsoft Graph sent a malformed device reply: no value array"));
        server.enqueue(new MockResponse().setBody("{\"value\":[{\"deviceId\":\"" + DEVICE + "\"}]}"));
        assertTrue(assertThrows(GraphException.class, () -> graph.device(base, TOKEN, DEVICE)).getMessage()
                .startsWith("Microsoft Graph sent a malformed device reply: a device without an id"));
    }

    @Test
    void plainHttpIsRefusedBeforeAnyRequest() {
        GraphException e = assertThrows(GraphException.class,
                () -> graph.device(URI.create("http://127.0.0.1:" + server.getPort()), TOKEN, DEVICE));
        assertEquals(0, server.getRequestCount());
        assertTrue(e.getMessage().startsWith("the Graph URL must be an https URL"));
    }

    @Test
    void anUntrustedServerIsRefused() throws Exception {
        DrsSettings noCa = new DrsSettings(URI.create("https://drs.example"), Optional.empty(), Duration.ofSeconds(5),
                "0.1.0");
        GraphException e = assertThrows(GraphException.class,
                () -> new HttpGraphDevices(noCa, new HttpClients(noCa)).device(base, TOKEN, DEVICE));
        assertEquals(0, e.httpStatus());
        assertTrue(e.getMessage().contains("the server's TLS certificate is not trusted"), e.getMessage());
    }
}
