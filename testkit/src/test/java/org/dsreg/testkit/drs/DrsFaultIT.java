package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.DrsTestSupport.assertDrsError;
import static org.dsreg.testkit.drs.DrsTestSupport.assertOAuthError;
import static org.dsreg.testkit.drs.DrsTestSupport.blob;
import static org.dsreg.testkit.drs.DrsTestSupport.client;
import static org.dsreg.testkit.drs.DrsTestSupport.csr;
import static org.dsreg.testkit.drs.DrsTestSupport.form;
import static org.dsreg.testkit.drs.DrsTestSupport.get;
import static org.dsreg.testkit.drs.DrsTestSupport.joinBody;
import static org.dsreg.testkit.drs.DrsTestSupport.joinRequest;
import static org.dsreg.testkit.drs.DrsTestSupport.json;
import static org.dsreg.testkit.drs.DrsTestSupport.postForm;
import static org.dsreg.testkit.drs.DrsTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.dsreg.testkit.drs.Fault.Endpoint;
import org.dsreg.testkit.drs.Fault.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DrsEmulatorExtension.class)
class DrsFaultIT {

    private KeyPair key;
    private byte[] body;

    private HttpResponse<String> join(DrsEmulator drs, HttpClient http) throws Exception {
        if (key == null) {
            key = DrsTestSupport.rsa2048();
            body = joinBody(csr(key, null), blob((RSAPublicKey) key.getPublic()), 0).toString()
                    .getBytes(StandardCharsets.UTF_8);
        }
        return send(http, joinRequest(drs, drs.issueAccessToken("alice@contoso.example"), body).build());
    }

    @Test
    void joinMalformedJsonThenNormal(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        drs.failNext(Fault.of(Endpoint.JOIN, Kind.MALFORMED_JSON));
        HttpResponse<String> r = join(drs, http);
        assertEquals(200, r.statusCode());
        assertEquals("{\"Certificate\":", r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertThrows(JsonProcessingException.class, () -> json(r));
        assertTrue(drs.devices().isEmpty(), "a faulted join registers nothing");
        assertEquals(200, join(drs, http).statusCode(), "each fault is used once");
        assertEquals(1, drs.devices().size());
    }

    @Test
    void joinErrorStatuses(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        drs.failNext(Fault.of(Endpoint.JOIN, Kind.ERROR_400));
        drs.failNext(Fault.of(Endpoint.JOIN, Kind.UNAUTHORIZED_401));
        drs.failNext(Fault.of(Endpoint.JOIN, Kind.SERVER_ERROR_500));
        assertDrsError(join(drs, http), 400, "injected fault ERROR_400");
        assertDrsError(join(drs, http), 401, "injected fault UNAUTHORIZED_401");
        assertDrsError(join(drs, http), 500, "injected fault SERVER_ERROR_500");
        assertEquals(200, join(drs, http).statusCode());
    }

    @Test
    void joinCertificateForAnotherKey(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        drs.failNext(Fault.of(Endpoint.JOIN, Kind.CERT_FOR_OTHER_KEY));
        JsonNode answer = json(join(drs, http));
        byte[] der = Base64.getDecoder().decode(answer.at("/Certificate/RawBody").asText());
        X509Certificate cert = DrsTestSupport.certificate(der);
        cert.verify(drs.caCertificate().getPublicKey());
        assertNotEquals(key.getPublic(), cert.getPublicKey());
        assertEquals(thumbprint(der), answer.at("/Certificate/Thumbprint").asText());
        assertTrue(drs.devices().isEmpty());
    }

    @Test
    void joinWrongThumbprint(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        drs.failNext(Fault.of(Endpoint.JOIN, Kind.WRONG_THUMBPRINT));
        JsonNode answer = json(join(drs, http));
        byte[] der = Base64.getDecoder().decode(answer.at("/Certificate/RawBody").asText());
        assertEquals(key.getPublic(), DrsTestSupport.certificate(der).getPublicKey());
        String thumbprint = answer.at("/Certificate/Thumbprint").asText();
        assertEquals(40, thumbprint.length());
        assertNotEquals(thumbprint(der), thumbprint);
    }

    @Test
    void joinTruncatedBodyStillRegisters(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        drs.failNext(Fault.of(Endpoint.JOIN, Kind.TRUNCATED_BODY));
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            IOException e = assertThrows(IOException.class, () -> join(drs, http));
            assertTrue(e.getMessage() != null, e.toString());
        });
        assertEquals(1, drs.devices().size(), "the server side did the join; only the answer was lost");
        assertEquals(200, join(drs, http).statusCode());
    }

    @Test
    void truncatedEmptyAnswerOfADelete(DrsEmulator drs) throws Exception {
        HttpClient anonymous = client(drs);
        DrsTestSupport.Joined device = DrsTestSupport.join(drs, anonymous);
        drs.failNext(Fault.of(Endpoint.DELETE, Kind.TRUNCATED_BODY));
        HttpClient asDevice = client(drs, device.key(), device.certificate());
        assertThrows(IOException.class, () -> send(asDevice, HttpRequest.newBuilder(URI.create(drs.baseUrl()
                + "/EnrollmentServer/device/" + device.deviceId())).timeout(Duration.ofSeconds(10)).DELETE().build()));
        assertTrue(drs.devices().get(device.deviceId()).deleted());
    }

    @Test
    void delayAnswersLateButNormally(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        drs.failNext(Fault.delay(Endpoint.DISCOVERY, Duration.ofMillis(700)));
        long start = System.nanoTime();
        HttpResponse<String> r = get(http, drs.baseUrl() + "/" + drs.tenantId() + "/Discover?api-version=1.9");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, r.statusCode());
        assertTrue(elapsedMs >= 700, "answered after " + elapsedMs + " ms");
        start = System.nanoTime();
        assertEquals(200, get(http, drs.baseUrl() + "/" + drs.tenantId() + "/Discover?api-version=1.9").statusCode());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 700);
        // a delayed request lets the client's timeout fire
        drs.failNext(Fault.delay(Endpoint.NONCE, Duration.ofSeconds(5)));
        assertThrows(java.net.http.HttpTimeoutException.class, () -> send(http, HttpRequest.newBuilder(URI.create(
                drs.baseUrl() + "/EnrollmentServer/nonce/" + drs.tenantId() + "/?api-version=1.0"))
                .timeout(Duration.ofMillis(300)).GET().build()));
    }

    @Test
    void faultsOnOtherEndpoints(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        String discover = drs.baseUrl() + "/" + drs.tenantId() + "/Discover?api-version=1.9";
        String nonce = drs.baseUrl() + "/EnrollmentServer/nonce/" + drs.tenantId() + "/?api-version=1.0";
        drs.failNext(Fault.of(Endpoint.DISCOVERY, Kind.MALFORMED_JSON));
        assertEquals("{\"DiscoveryService\":", get(http, discover).body());
        drs.failNext(Fault.of(Endpoint.DISCOVERY, Kind.SERVER_ERROR_500));
        assertDrsError(get(http, discover), 500, "SERVER_ERROR_500");
        drs.failNext(Fault.of(Endpoint.NONCE, Kind.ERROR_400));
        assertDrsError(get(http, nonce), 400, "ERROR_400");
        drs.failNext(Fault.of(Endpoint.NONCE, Kind.TRUNCATED_BODY));
        assertThrows(IOException.class, () -> get(http, nonce));
        assertEquals(200, get(http, nonce).statusCode());
        // faults on one endpoint leave the others alone
        drs.failNext(Fault.of(Endpoint.TOKEN, Kind.SERVER_ERROR_500));
        assertEquals(200, get(http, discover).statusCode());
        String tokenUrl = drs.baseUrl() + "/" + drs.tenantId() + "/oauth2/v2.0/token";
        assertOAuthError(postForm(http, tokenUrl, form("grant_type", "x")), 500, "server_error");
        drs.failNext(Fault.of(Endpoint.TOKEN, Kind.UNAUTHORIZED_401));
        assertOAuthError(postForm(http, tokenUrl, form("grant_type", "x")), 401, "invalid_client");
        drs.failNext(Fault.of(Endpoint.DEVICE_CODE, Kind.MALFORMED_JSON));
        assertEquals("{\"device_code\":", postForm(http, drs.baseUrl() + "/" + drs.tenantId()
                + "/oauth2/v2.0/devicecode", form()).body());
        drs.failNext(Fault.of(Endpoint.DELETE, Kind.UNAUTHORIZED_401));
        assertDrsError(send(http, HttpRequest.newBuilder(URI.create(drs.baseUrl() + "/EnrollmentServer/device/x"))
                .DELETE().build()), 401, "UNAUTHORIZED_401");
        assertEquals(10, drs.requests().size(), "faulted requests are recorded too");
    }

    @Test
    void faultsAreCheckedWhenMade() {
        assertThrows(IllegalArgumentException.class, () -> Fault.of(Endpoint.NONCE, Kind.CERT_FOR_OTHER_KEY));
        assertThrows(IllegalArgumentException.class, () -> Fault.of(Endpoint.JOIN, Kind.SLOW_DOWN));
        assertThrows(IllegalArgumentException.class, () -> Fault.of(Endpoint.JOIN, Kind.DELAY));
        assertThrows(IllegalArgumentException.class, () -> Fault.delay(Endpoint.JOIN, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Fault(Endpoint.JOIN, Kind.ERROR_400,
                Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(2), Fault.delay(Endpoint.TOKEN, Duration.ofSeconds(2)).delay());
    }

    private static String thumbprint(byte[] der) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
    }
}
