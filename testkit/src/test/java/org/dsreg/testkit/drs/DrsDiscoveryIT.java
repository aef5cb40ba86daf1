package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.DrsTestSupport.assertDrsError;
import static org.dsreg.testkit.drs.DrsTestSupport.client;
import static org.dsreg.testkit.drs.DrsTestSupport.get;
import static org.dsreg.testkit.drs.DrsTestSupport.json;
import static org.dsreg.testkit.drs.DrsTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import com.fasterxml.jackson.databind.JsonNode;
import org.dsreg.testkit.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DrsEmulatorExtension.class)
class DrsDiscoveryIT {

    @Test
    void discoveryByTenantIdAndByDomainFollowsTheSpecShape(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        HttpResponse<String> byId = get(http, drs.baseUrl() + "/" + drs.tenantId() + "/Discover?api-version=1.9");
        HttpResponse<String> byDomain = get(http, drs.baseUrl() + "/" + drs.tenantDomain()
                + "/Discover?api-version=1.9&managed=True");
        assertEquals(200, byId.statusCode(), byId.body());
        assertEquals(200, byDomain.statusCode(), byDomain.body());
        assertTrue(byId.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode d = json(byId);
        assertEquals(json(byDomain).path("TenantInfo"), d.path("TenantInfo"));

        List<String> services = new ArrayList<>();
        d.fieldNames().forEachRemaining(services::add);
        assertEquals(List.of("DiscoveryService", "DeviceRegistrationService", "AuthenticationService",
                "IdentityProviderService", "DeviceJoinService", "KeyProvisioningService", "WebAuthNService",
                "DeviceManagementService", "MsaProviderData", "PrecreateService", "TenantInfo", "AzureRbacService",
                "BPLService", "DeviceJoinResourceService", "NonceService"), services);

        String base = drs.baseUrl();
        String tid = drs.tenantId();
        assertEquals(base + "/EnrollmentServer/device/", d.at("/DeviceJoinService/JoinEndpoint").asText());
        assertEquals(DrsEmulator.DRS_RESOURCE, d.at("/DeviceJoinService/JoinResourceId").asText());
        assertEquals("2.0", d.at("/DeviceJoinService/ServiceVersion").asText());
        assertEquals(base + "/EnrollmentServer/nonce/" + tid + "/", d.at("/NonceService/Endpoint").asText());
        assertEquals("1.0", d.at("/NonceService/ServiceVersion").asText());
        assertEquals(DrsEmulator.DRS_RESOURCE, d.at("/NonceService/ResourceId").asText());
        // the v1 endpoints, as the service names them (MS-DRS 3.1)
        assertEquals(base + "/" + tid + "/oauth2/authorize",
                d.at("/AuthenticationService/OAuth2/AuthCodeEndpoint").asText());
        assertEquals(base + "/" + tid + "/oauth2/token",
                d.at("/AuthenticationService/OAuth2/TokenEndpoint").asText());
        assertEquals(tid, d.at("/TenantInfo/TenantId").asText());
        assertEquals("contoso.example", d.at("/TenantInfo/TenantName").asText());
        assertEquals("Contoso", d.at("/TenantInfo/DisplayName").asText());
        assertEquals("1.9", d.at("/DiscoveryService/ServiceVersion").asText());
        assertTrue(d.at("/KeyProvisioningService/KeyProvisionEndpoint").asText().startsWith(base));
        assertTrue(d.at("/WebAuthNService/WebAuthNEndpoint").asText().startsWith(base));
        assertTrue(d.at("/WebAuthNService/WebAuthNResourceId").isTextual());
        assertTrue(d.at("/DeviceManagementService/DeviceManagementEndpoint").asText().startsWith(base));
        assertTrue(d.at("/IdentityProviderService/Federated").isBoolean());
        assertTrue(d.at("/PrecreateService/PrecreateEndpoint").asText().startsWith(base));
        assertTrue(d.at("/DeviceJoinResourceService/ResourceId").isTextual());
        // every URL points back at the emulator
        List<String> urls = new ArrayList<>();
        collectUrls(d, urls);
        assertTrue(urls.size() >= 14, urls.toString());
        for (String url : urls) {
            assertTrue(url.startsWith(base + "/"), url);
        }
    }

    @Test
    void discoveryErrors(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        assertDrsError(get(http, drs.baseUrl() + "/fabrikam.example/Discover?api-version=1.9"), 404, "fabrikam");
        assertDrsError(get(http, drs.baseUrl() + "/" + UUID.randomUUID() + "/Discover?api-version=1.9"), 404,
                "not found");
        assertDrsError(get(http, drs.baseUrl() + "/" + drs.tenantId() + "/Discover"), 400, "api-version");
        assertDrsError(get(http, drs.baseUrl() + "/" + drs.tenantId() + "/Discover?api-version=1.0"), 400,
                "api-version must be 1.9");
        assertDrsError(send(http, HttpRequest.newBuilder(URI.create(drs.baseUrl() + "/" + drs.tenantId()
                + "/Discover?api-version=1.9")).POST(HttpRequest.BodyPublishers.noBody()).build()), 405, "GET");
        assertDrsError(get(http, drs.baseUrl() + "/no/such/thing"), 404, "/no/such/thing");
        assertDrsError(get(http, drs.baseUrl() + "/"), 404, "no such resource");
    }

    @Test
    void nonceByIdAndDomain(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        HttpResponse<String> r = get(http, drs.baseUrl() + "/EnrollmentServer/nonce/" + drs.tenantId()
                + "/?api-version=1.0");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = json(r);
        assertEquals("Successful", n.at("/ReponseStatus/message").asText());
        UUID.fromString(n.at("/ReponseStatus/traceId").asText());
        String value = n.path("Value").asText();
        assertTrue(value.length() >= 40, value);
        String other = json(get(http, drs.baseUrl() + "/EnrollmentServer/nonce/" + drs.tenantDomain()
                + "/?api-version=1.0")).path("Value").asText();
        assertNotEquals(value, other);
        assertDrsError(get(http, drs.baseUrl() + "/EnrollmentServer/nonce/" + drs.tenantId() + "/"), 400,
                "api-version must be 1.0");
        assertDrsError(get(http, drs.baseUrl() + "/EnrollmentServer/nonce/nobody.example/?api-version=1.0"), 404,
                "not found");
    }

    @Test
    void tlsServerCertificateVerifiesAgainstTheCaPemFor127001(DrsEmulator drs) throws Exception {
        X509Certificate ca = DrsTestSupport.readPem(drs.caPem());
        assertEquals(drs.caCertificate(), ca);
        SSLContext ctx = DrsTestSupport.tls(ca, null, null);
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", drs.port())) {
            SSLParameters p = socket.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(p);
            socket.startHandshake();
            X509Certificate server = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            server.verify(ca.getPublicKey());
            assertTrue(server.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.1")));
            assertTrue(server.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("localhost")));
        }
        // localhost works too
        HttpResponse<String> r = get(client(drs), "https://localhost:" + drs.port() + "/" + drs.tenantId()
                + "/Discover?api-version=1.9");
        assertEquals(200, r.statusCode());
        // a client that does not trust the CA fails
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        IOException e = assertThrows(IOException.class, () -> get(untrusting, drs.baseUrl() + "/x"));
        assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException
                || String.valueOf(e.getMessage()).contains("PKIX"), e.toString());
        // and openssl agrees: chain and IP verify against the PEM
        ExternalTools.Result s = ExternalTools.run(List.of(ExternalTools.require("openssl", "openssl").toString(),
                "s_client", "-connect", "127.0.0.1:" + drs.port(), "-CAfile", drs.caPem().toString(),
                "-verify_ip", "127.0.0.1", "-verify_return_error"), new byte[0]);
        assertEquals(0, s.exitCode(), s.stdout() + s.stderr());
        assertTrue(s.stdout().contains("Verify return code: 0 (ok)"), s.stdout());
    }

    @Test
    void requestsAreRecorded(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        get(http, drs.baseUrl() + "/" + drs.tenantId() + "/Discover?api-version=1.9&managed=True");
        send(http, HttpRequest.newBuilder(URI.create(drs.baseUrl() + "/x")).header("X-Custom-Header", "v")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        List<RecordedRequest> requests = drs.requests();
        assertEquals(2, requests.size());
        assertEquals("GET", requests.get(0).method());
        assertEquals("/" + drs.tenantId() + "/Discover", requests.get(0).path());
        assertEquals("api-version=1.9&managed=True", requests.get(0).query());
        assertEquals("v", requests.get(1).headers().get("x-custom-header").get(0));
        assertEquals("hello", requests.get(1).bodyText());
        assertEquals("hello", new String(requests.get(1).body(), StandardCharsets.UTF_8));
        assertTrue(requests.get(1).toString().startsWith("POST /x"));
    }

    private static void collectUrls(JsonNode node, List<String> urls) {
        if (node.isTextual() && node.asText().startsWith("https://")) {
            urls.add(node.asText());
        }
        node.elements().forEachRemaining(n -> collectUrls(n, urls));
    }
}
