package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.DrsTestSupport.CN;
import static org.dsreg.testkit.drs.DrsTestSupport.assertDrsError;
import static org.dsreg.testkit.drs.DrsTestSupport.blob;
import static org.dsreg.testkit.drs.DrsTestSupport.client;
import static org.dsreg.testkit.drs.DrsTestSupport.csr;
import static org.dsreg.testkit.drs.DrsTestSupport.joinBody;
import static org.dsreg.testkit.drs.DrsTestSupport.joinRequest;
import static org.dsreg.testkit.drs.DrsTestSupport.json;
import static org.dsreg.testkit.drs.DrsTestSupport.nonce;
import static org.dsreg.testkit.drs.DrsTestSupport.rsa;
import static org.dsreg.testkit.drs.DrsTestSupport.rsa2048;
import static org.dsreg.testkit.drs.DrsTestSupport.send;
import static org.dsreg.testkit.drs.DrsTestSupport.unsigned;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.DERUTF8String;
import org.dsreg.testkit.ExternalTools;
import org.dsreg.testkit.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(DrsEmulatorExtension.class)
class DrsJoinIT {

    private static final String UPN = "alice@contoso.example";

    @Test
    void fullJoinWithNonceIssuesACertificateForTheCsrKey(DrsEmulator drs, @TempDir Path dir) throws Exception {
        HttpClient http = client(drs);
        String nonce = nonce(http, drs);
        KeyPair deviceKey = rsa2048();
        KeyPair transportKey = rsa2048();
        byte[] blob = blob((RSAPublicKey) transportKey.getPublic());
        ObjectNode body = joinBody(csr(deviceKey, nonce), blob, 0);

        HttpResponse<String> r = send(http, joinRequest(drs, drs.issueAccessToken(UPN), body.toString().getBytes(
                StandardCharsets.UTF_8)).header("client-request-id", UUID.randomUUID().toString()).build());

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode answer = json(r);
        List<String> members = new java.util.ArrayList<>();
        answer.fieldNames().forEachRemaining(members::add);
        assertEquals(List.of("Certificate", "User", "MembershipChanges"), members);
        byte[] der = Base64.getDecoder().decode(answer.path("Certificate").path("RawBody").asText());
        X509Certificate cert = DrsTestSupport.certificate(der);
        assertEquals(deviceKey.getPublic(), cert.getPublicKey());
        assertEquals(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der)),
                answer.path("Certificate").path("Thumbprint").asText());
        assertEquals(UPN, answer.path("User").path("Upn").asText());
        assertTrue(answer.path("MembershipChanges").isArray() && answer.path("MembershipChanges").isEmpty());

        cert.verify(DrsTestSupport.readPem(drs.caPem()).getPublicKey());
        String deviceId = cert.getSubjectX500Principal().getName().substring(3);
        assertEquals(UUID.fromString(deviceId).toString(), deviceId, "a lower-case GUID");
        assertArrayEquals(TestCertificates.dotNetGuid(UUID.fromString(deviceId)),
                octets(cert, TestCertificates.OID_DEVICE_ID));
        assertArrayEquals(TestCertificates.dotNetGuid(UUID.fromString(drs.tenantId())),
                octets(cert, TestCertificates.OID_TENANT_ID));
        assertEquals("0", new String(octets(cert, TestCertificates.OID_JOIN_TYPE), StandardCharsets.UTF_8));

        RegisteredDevice device = drs.devices().get(deviceId);
        assertEquals(cert, device.certificate());
        assertArrayEquals(blob, device.transportKeyBlob());
        assertEquals("testbox", device.displayName());
        assertEquals("Debian GNU/Linux 12 (bookworm)", device.osVersion());
        assertEquals(0, device.joinType());
        assertEquals(UPN, device.upn());
        assertFalse(device.deleted());

        Path pem = dir.resolve("issued.pem");
        Files.writeString(pem, TestCertificates.pem(cert));
        ExternalTools.Result openssl = ExternalTools.run(List.of(
                ExternalTools.require("openssl", "openssl").toString(), "x509", "-in", pem.toString(), "-noout",
                "-subject"));
        assertEquals(0, openssl.exitCode(), openssl.stderr());
        assertTrue(openssl.stdout().replace(" ", "").contains("CN=" + deviceId), openssl.stdout());
        ExternalTools.Result verify = ExternalTools.run(List.of("openssl", "verify", "-CAfile",
                drs.caPem().toString(), pem.toString()));
        assertEquals(0, verify.exitCode(), verify.stdout() + verify.stderr());

        // the nonce is used up
        HttpResponse<String> again = send(http, joinRequest(drs, drs.issueAccessToken(UPN),
                joinBody(csr(deviceKey, nonce), blob, 0).toString().getBytes(StandardCharsets.UTF_8)).build());
        assertDrsError(again, 400, "used already");
        assertEquals(1, drs.devices().size());
    }

    @ParameterizedTest
    @EnumSource(DrsTestSupport.NonceEncoding.class)
    void acceptsTheNonceInEachDocumentedEncoding(DrsTestSupport.NonceEncoding encoding, DrsEmulator drs)
            throws Exception {
        HttpClient http = client(drs);
        KeyPair key = rsa2048();
        byte[] csr = csr(key, CN, "SHA256withRSA", nonce(http, drs), encoding);
        HttpResponse<String> r = send(http, joinRequest(drs, drs.issueAccessToken(UPN),
                joinBody(csr, blob((RSAPublicKey) key.getPublic()), 4).toString().getBytes(StandardCharsets.UTF_8))
                .build());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void joinWithoutNonceIsAcceptedUnlessRequired(DrsEmulator drs, @TempDir Path dir) throws Exception {
        KeyPair key = rsa2048();
        byte[] body = joinBody(csr(key, null), blob((RSAPublicKey) key.getPublic()), 4).toString()
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(200, send(client(drs), joinRequest(drs, drs.issueAccessToken(UPN), body).build()).statusCode());
        assertEquals(4, drs.devices().values().iterator().next().joinType());

        try (DrsEmulator strict = DrsEmulator.builder().requireNonce(true).joinSuccessStatus(201).start(dir)) {
            HttpClient http = client(strict);
            assertDrsError(send(http, joinRequest(strict, strict.issueAccessToken(UPN), body).build()), 400,
                    "must carry the nonce extension");
            byte[] withNonce = joinBody(csr(key, nonce(http, strict)), blob((RSAPublicKey) key.getPublic()), 6)
                    .toString().getBytes(StandardCharsets.UTF_8);
            assertEquals(201, send(http, joinRequest(strict, strict.issueAccessToken(UPN), withNonce).build())
                    .statusCode());
        }
    }

    @Test
    void expiredNonceIsRejected(@TempDir Path dir) throws Exception {
        try (DrsEmulator drs = DrsEmulator.builder().nonceLifetime(Duration.ofMillis(1)).start(dir)) {
            HttpClient http = client(drs);
            String nonce = nonce(http, drs);
            Thread.sleep(20);
            KeyPair key = rsa2048();
            byte[] body = joinBody(csr(key, nonce), blob((RSAPublicKey) key.getPublic()), 0).toString()
                    .getBytes(StandardCharsets.UTF_8);
            assertDrsError(send(http, joinRequest(drs, drs.issueAccessToken(UPN), body).build()), 400, "expired");
        }
    }

    /** A way to spoil a valid join body, and the words the error message must contain. */
    interface Spoiler {
        byte[] body(KeyPair key) throws Exception;
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                invalid("wrong CN", "subject must be exactly", k -> body(plainCsr(k, "CN=someone", "SHA256withRSA"), k)),
                invalid("lower-case CN", "subject must be exactly",
                        k -> body(plainCsr(k, CN.toLowerCase(Locale.ROOT), "SHA256withRSA"), k)),
                invalid("extra RDN", "subject must be exactly", k -> body(plainCsr(k, CN + ",O=Contoso", "SHA256withRSA"), k)),
                invalid("1024-bit key", "2048-bit", k -> {
                    KeyPair small = rsa(1024, BigInteger.valueOf(65537));
                    return body(plainCsr(small, CN, "SHA256withRSA"), k);
                }),
                invalid("exponent 3", "exponent must be 65537", k -> {
                    KeyPair e3 = rsa(2048, BigInteger.valueOf(3));
                    return body(plainCsr(e3, CN, "SHA256withRSA"), k);
                }),
                invalid("SHA-1 signature", "sha256WithRSAEncryption", k -> body(plainCsr(k, CN, "SHA1withRSA"), k)),
                invalid("PSS signature", "sha256WithRSAEncryption", k -> body(plainCsr(k, CN, "SHA256withRSAandMGF1"), k)),
                invalid("broken CSR signature", "signature does not verify", k -> {
                    byte[] der = plainCsr(k, CN, "SHA256withRSA");
                    der[der.length - 1] ^= 0x01;
                    return body(der, k);
                }),
                invalid("CSR data not base64", "not standard base64", k -> {
                    ObjectNode b = valid(k);
                    ((ObjectNode) b.get("CertificateRequest")).put("Data", "MIIC*not base64*");
                    return bytes(b);
                }),
                invalid("CSR data base64url", "not standard base64", k -> {
                    ObjectNode b = valid(k);
                    byte[] der = plainCsr(k, CN, "SHA256withRSA");
                    String url = Base64.getUrlEncoder().encodeToString(der);
                    if (url.equals(Base64.getEncoder().encodeToString(der))) {
                        url = url + "-_";
                    }
                    ((ObjectNode) b.get("CertificateRequest")).put("Data", url);
                    return bytes(b);
                }),
                invalid("CSR data not DER", "not a DER PKCS#10", k -> {
                    ObjectNode b = valid(k);
                    ((ObjectNode) b.get("CertificateRequest")).put("Data",
                            Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)));
                    return bytes(b);
                }),
                invalid("Type PKCS10", "must be \"pkcs10\"", k -> {
                    ObjectNode b = valid(k);
                    ((ObjectNode) b.get("CertificateRequest")).put("Type", "PKCS10");
                    return bytes(b);
                }),
                invalid("blob magic RSA2", "magic \"RSA1\"", k -> blobBody(k, DrsTestSupport.blob(
                        "RSA2".getBytes(StandardCharsets.US_ASCII), 2048, e(k), n(k), 0, 0, new byte[0]))),
                invalid("blob with primes", "cbPrime1 and cbPrime2 must be 0", k -> blobBody(k, DrsTestSupport.blob(
                        "RSA1".getBytes(StandardCharsets.US_ASCII), 2048, e(k), n(k), 128, 128, new byte[256]))),
                invalid("blob prime lengths without primes", "cbPrime1 and cbPrime2 must be 0", k -> blobBody(k,
                        DrsTestSupport.blob("RSA1".getBytes(StandardCharsets.US_ASCII), 2048, e(k), n(k), 1, 0,
                                new byte[0]))),
                invalid("blob trailing byte", "header announces", k -> blobBody(k, DrsTestSupport.blob(
                        "RSA1".getBytes(StandardCharsets.US_ASCII), 2048, e(k), n(k), 0, 0, new byte[1]))),
                invalid("blob short", "shorter than the 24-byte", k -> blobBody(k, new byte[] {0x52, 0x53, 0x41, 0x31})),
                invalid("blob BitLength 1024", "BitLength must be 2048", k -> blobBody(k, DrsTestSupport.blob(
                        "RSA1".getBytes(StandardCharsets.US_ASCII), 1024, e(k), n(k), 0, 0, new byte[0]))),
                invalid("blob modulus little-endian", "modulus", k -> {
                    byte[] n = n(k);
                    byte[] le = new byte[n.length];
                    for (int i = 0; i < n.length; i++) {
                        le[i] = n[n.length - 1 - i];
                    }
                    le[0] |= (byte) 0x80; // keep 2048 bits: the low byte of an odd modulus is odd, now even
                    le[le.length - 1] &= (byte) 0xFE;
                    return blobBody(k, DrsTestSupport.blob("RSA1".getBytes(StandardCharsets.US_ASCII), 2048, e(k),
                            le, 0, 0, new byte[0]));
                }),
                invalid("blob exponent padded", "leading zero", k -> blobBody(k, DrsTestSupport.blob(
                        "RSA1".getBytes(StandardCharsets.US_ASCII), 2048, new byte[] {0, 1, 0, 1}, n(k), 0, 0,
                        new byte[0]))),
                invalid("JoinType as string", "JoinType must be an integer number", k -> {
                    ObjectNode b = valid(k);
                    b.put("JoinType", "4");
                    return bytes(b);
                }),
                invalid("JoinType 4.0", "JoinType must be an integer number", k -> {
                    ObjectNode b = valid(k);
                    b.put("JoinType", 4.0);
                    return bytes(b);
                }),
                invalid("JoinType 5", "JoinType must be 0, 4, 6 or 8", k -> {
                    ObjectNode b = valid(k);
                    b.put("JoinType", 5);
                    return bytes(b);
                }),
                invalid("TransportKey missing", "TransportKey is required", k -> {
                    ObjectNode b = valid(k);
                    b.remove("TransportKey");
                    return bytes(b);
                }),
                invalid("DeviceDisplayName number", "DeviceDisplayName must be a string", k -> {
                    ObjectNode b = valid(k);
                    b.put("DeviceDisplayName", 42);
                    return bytes(b);
                }),
                invalid("OSVersion empty", "OSVersion must not be empty", k -> {
                    ObjectNode b = valid(k);
                    b.put("OSVersion", "");
                    return bytes(b);
                }),
                invalid("TargetDomain null", "TargetDomain is required", k -> {
                    ObjectNode b = valid(k);
                    b.putNull("TargetDomain");
                    return bytes(b);
                }),
                invalid("member twice in two cases", "appears twice", k -> {
                    ObjectNode b = valid(k);
                    b.put("osversion", "other");
                    return bytes(b);
                }),
                invalid("Attributes.ReuseDevice neither true nor false", "Attributes.ReuseDevice must be true or false",
                    k -> {
                        ObjectNode b = valid(k);
                        ((ObjectNode) b.get("Attributes")).put("ReuseDevice", "yes");
                        return bytes(b);
                    }),
                invalid("Attributes.SharedDevice a number", "Attributes.SharedDevice must be true or false", k -> {
                    ObjectNode b = valid(k);
                    ((ObjectNode) b.get("Attributes")).put("SharedDevice", 1);
                    return bytes(b);
                }),
                invalid("JoinType in another case, as string", "JoinType must be an integer number", k -> {
                    ObjectNode b = valid(k);
                    b.remove("JoinType");
                    b.put("jointype", "0");
                    return bytes(b);
                }),
                invalid("Attributes as array", "Attributes must be an object", k -> {
                    ObjectNode b = valid(k);
                    b.putArray("Attributes");
                    return bytes(b);
                }),
                invalid("Attributes.SharedDevice as a string other than true or false",
                        "Attributes.SharedDevice must be true or false", k -> {
                    ObjectNode b = valid(k);
                    ((ObjectNode) b.get("Attributes")).put("SharedDevice", "yes");
                    return bytes(b);
                }),
                invalid("PreAuthorizedJoinChallenge", "PrecreateEndpoint", k -> {
                    ObjectNode b = valid(k);
                    b.put("PreAuthorizedJoinChallenge", "eyJ...");
                    return bytes(b);
                }),
                invalid("not JSON", "not valid JSON", k -> "CertificateRequest=1".getBytes(StandardCharsets.UTF_8)),
                invalid("JSON array", "must be a JSON object", k -> "[]".getBytes(StandardCharsets.UTF_8)),
                invalid("duplicate member", "not valid JSON", k -> {
                    String s = valid(k).toString();
                    return ("{\"JoinType\":0," + s.substring(1)).getBytes(StandardCharsets.UTF_8);
                }),
                invalid("trailing data", "not valid JSON", k -> (valid(k).toString() + " {}")
                        .getBytes(StandardCharsets.UTF_8)),
                invalid("nonce not issued", "not issued by this service", k -> body(csr(k, "not-a-nonce"), k)),
                invalid("nonce as attribute", "inside the PKCS#9 extensionRequest", k -> body(
                        DrsTestSupport.csrWithAttribute(k, DrsEmulator.OID_NONCE, new DERUTF8String("x")), k)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void rejectsInvalidJoinBodiesWithErrorDetails(String name, String message, Spoiler spoiler, DrsEmulator drs)
            throws Exception {
        KeyPair key = rsa2048();
        HttpResponse<String> r = send(client(drs), joinRequest(drs, drs.issueAccessToken(UPN), spoiler.body(key))
                .build());
        assertDrsError(r, 400, message);
        assertTrue(drs.devices().isEmpty());
    }

    @Test
    void rejectsBadTokens(DrsEmulator drs, @TempDir Path dir) throws Exception {
        HttpClient http = client(drs);
        KeyPair key = rsa2048();
        byte[] body = body(csr(key, null), key);
        assertDrsError(send(http, joinRequest(drs, null, body).build()), 401, "Authorization header is missing");
        assertDrsError(send(http, joinRequest(drs, null, body).header("Authorization", "Basic dXNlcjpwdw==").build()),
                401, "Bearer");
        assertDrsError(send(http, joinRequest(drs, "not.a.jwt", body).build()), 401, "token");
        String expired = drs.issueAccessToken(UPN, DrsEmulator.DRS_RESOURCE, Instant.now().minus(Duration.ofHours(2)),
                Duration.ofHours(1));
        assertDrsError(send(http, joinRequest(drs, expired, body).build()), 401, "expired");
        assertDrsError(send(http, joinRequest(drs, drs.issueAccessToken(UPN, "https://graph.microsoft.com"), body)
                .build()), 401, "audience");
        String future = drs.issueAccessToken(UPN, DrsEmulator.DRS_RESOURCE, Instant.now().plus(Duration.ofHours(1)),
                Duration.ofHours(1));
        assertDrsError(send(http, joinRequest(drs, future, body).build()), 401, "not valid before");
        String[] parts = drs.issueAccessToken(UPN).split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                DrsTestSupport.claims(drs.issueAccessToken("mallory@contoso.example")).toString()
                        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertDrsError(send(http, joinRequest(drs, tampered, body).build()), 401, "signature");
        try (DrsEmulator other = DrsEmulator.builder().tenantId(UUID.fromString(drs.tenantId())).start(dir)) {
            assertDrsError(send(http, joinRequest(drs, other.issueAccessToken(UPN), body).build()), 401,
                    "signature");
        }
        HttpResponse<String> r = send(http, joinRequest(drs, null, body).build());
        assertEquals("Bearer", r.headers().firstValue("www-authenticate").orElse(""));
        assertTrue(drs.devices().isEmpty());
        // the same body with a good token works
        assertEquals(200, send(http, joinRequest(drs, drs.issueAccessToken(UPN), body).build()).statusCode());
    }

    @Test
    void rejectsWrongApiVersionButNotMissingClientHeaders(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        KeyPair key = rsa2048();
        byte[] body = body(csr(key, null), key);
        String token = drs.issueAccessToken(UPN);
        for (String query : List.of("", "?api-version=3.0", "?api-version=1.9")) {
            HttpRequest r = HttpRequest.newBuilder(URI.create(drs.baseUrl() + "/EnrollmentServer/device/" + query))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("ocp-adrs-client-name", "x").header("ocp-adrs-client-version", "1")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            assertDrsError(send(http, r), 400, "api-version must be 1.0 or 2.0");
        }
        assertTrue(drs.devices().isEmpty());
        // recorded, with lower-cased header names and the body
        RecordedRequest last = drs.requests().get(drs.requests().size() - 1);
        assertEquals("POST", last.method());
        assertEquals("/EnrollmentServer/device/", last.path());
        assertEquals("api-version=1.9", last.query());
        assertEquals("x", last.header("OCP-ADRS-CLIENT-NAME").orElseThrow());
        assertTrue(last.headers().keySet().stream().allMatch(h -> h.equals(h.toLowerCase(Locale.ROOT))));
        assertArrayEquals(body, last.body());

        // the ocp-adrs-client-* headers are optional: MS-DRS requires only Authorization
        for (String version : List.of("1.0", "2.0")) {
            HttpRequest bare = HttpRequest.newBuilder(URI.create(drs.baseUrl()
                            + "/EnrollmentServer/device/?api-version=" + version))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(csr(key, null), key))).build();
            HttpResponse<String> ok = send(http, bare);
            assertEquals(200, ok.statusCode(), version + ": " + ok.body());
        }
        assertEquals(2, drs.devices().size());
    }

    @Test
    void readsTheJoinBodyAsJsonWhateverTheContentTypeSays(DrsEmulator drs) throws Exception {
        HttpClient http = client(drs);
        String token = drs.issueAccessToken(UPN);
        List<String> contentTypes = List.of("text/plain", "application/octet-stream", "APPLICATION/JSON; charset=utf-8");
        for (String contentType : contentTypes) {
            KeyPair key = rsa2048();
            HttpRequest r = HttpRequest.newBuilder(URI.create(drs.baseUrl()
                            + "/EnrollmentServer/device/?api-version=2.0"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(csr(key, null), key))).build();
            HttpResponse<String> ok = send(http, r);
            assertEquals(200, ok.statusCode(), contentType + ": " + ok.body());
        }
        // no Content-Type at all (the JDK client sends none unless told)
        KeyPair key = rsa2048();
        HttpRequest none = HttpRequest.newBuilder(URI.create(drs.baseUrl() + "/EnrollmentServer/device/?api-version=2.0"))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(csr(key, null), key))).build();
        HttpResponse<String> ok = send(http, none);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(drs.requests().get(drs.requests().size() - 1).header("content-type").isEmpty());
        assertEquals(contentTypes.size() + 1, drs.devices().size());
        // what is not JSON is still refused, whatever the Content-Type claims
        HttpRequest notJson = HttpRequest.newBuilder(URI.create(drs.baseUrl()
                        + "/EnrollmentServer/device/?api-version=2.0"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("CertificateRequest=x")).build();
        assertDrsError(send(http, notJson), 400, "the request body is not valid JSON");
        assertEquals(contentTypes.size() + 1, drs.devices().size());
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Arguments invalid(String name, String message, Spoiler spoiler) {
        return Arguments.of(name, message, spoiler);
    }

    private static byte[] plainCsr(KeyPair key, String subject, String alg) throws Exception {
        return DrsTestSupport.csr(key, subject, alg, null, DrsTestSupport.NonceEncoding.RAW);
    }

    private static ObjectNode valid(KeyPair key) throws Exception {
        return joinBody(plainCsr(key, CN, "SHA256withRSA"), blob((RSAPublicKey) key.getPublic()), 0);
    }

    private static byte[] body(byte[] csr, KeyPair key) {
        return bytes(joinBody(csr, blob((RSAPublicKey) key.getPublic()), 0));
    }

    private static byte[] blobBody(KeyPair key, byte[] blob) throws Exception {
        return bytes(joinBody(plainCsr(key, CN, "SHA256withRSA"), blob, 0));
    }

    private static byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] e(KeyPair k) {
        return unsigned(((RSAPublicKey) k.getPublic()).getPublicExponent());
    }

    private static byte[] n(KeyPair k) {
        return unsigned(((RSAPublicKey) k.getPublic()).getModulus());
    }

    private static byte[] octets(X509Certificate cert, String oid) throws Exception {
        return org.bouncycastle.asn1.ASN1OctetString.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(cert.getExtensionValue(oid)).getOctets()).getOctets();
    }
}
