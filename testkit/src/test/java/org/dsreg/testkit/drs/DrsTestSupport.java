package org.dsreg.testkit.drs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** What the tests need to act as a DRS client: TLS set-up, CSRs, transport key blobs, join bodies. */
final class DrsTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CN = "CN=" + DrsEmulator.CSR_SUBJECT_CN;

    /** How a test puts the nonce into the CSR's nonce extension. */
    enum NonceEncoding {
        /** extnValue contents = the nonce's UTF-8 bytes. */
        RAW,
        /** extnValue contents = DER OCTET STRING of the UTF-8 bytes. */
        OCTET_STRING,
        /** extnValue contents = DER UTF8String. */
        UTF8_STRING
    }

    private DrsTestSupport() {
    }

    static SSLContext tls(X509Certificate ca, KeyPair clientKey, X509Certificate clientCert)
            throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientKey != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("device", clientKey.getPrivate(), "pw".toCharArray(), new Certificate[] {clientCert});
            kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keys, "pw".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A client trusting the CA read from the emulator's PEM file (as a client given --trust-ca would). */
    static HttpClient client(DrsEmulator drs) throws GeneralSecurityException, IOException {
        return client(drs, null, null);
    }

    static HttpClient client(DrsEmulator drs, KeyPair key, X509Certificate cert)
            throws GeneralSecurityException, IOException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .sslContext(tls(readPem(drs.caPem()), key, cert)).build();
    }

    static X509Certificate readPem(Path pem) throws GeneralSecurityException, IOException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }

    static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    static KeyPair rsa(int bits, BigInteger exponent) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(new RSAKeyGenParameterSpec(bits, exponent));
        return g.generateKeyPair();
    }

    static KeyPair rsa2048() throws GeneralSecurityException {
        return rsa(2048, RSAKeyGenParameterSpec.F4);
    }

    static byte[] csr(KeyPair key, String subject, String signatureAlgorithm, String nonce, NonceEncoding encoding)
            throws Exception {
        PKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject),
                key.getPublic());
        if (nonce != null) {
            byte[] utf8 = nonce.getBytes(StandardCharsets.UTF_8);
            byte[] value = switch (encoding) {
                case RAW -> utf8;
                case OCTET_STRING -> new DEROctetString(utf8).getEncoded();
                case UTF8_STRING -> new DERUTF8String(nonce).getEncoded();
            };
            Extension ext = new Extension(new ASN1ObjectIdentifier(DrsEmulator.OID_NONCE), false, value);
            b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new Extensions(ext));
        }
        return b.build(new JcaContentSignerBuilder(signatureAlgorithm)
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(key.getPrivate()))
                .getEncoded();
    }

    static byte[] csr(KeyPair key, String nonce) throws Exception {
        return csr(key, CN, "SHA256withRSA", nonce, NonceEncoding.OCTET_STRING);
    }

    /** A CSR with an arbitrary extra attribute (e.g. the nonce as a top-level attribute). */
    static byte[] csrWithAttribute(KeyPair key, String oid, ASN1Encodable value) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name(CN), key.getPublic())
                .addAttribute(new ASN1ObjectIdentifier(oid), value)
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())).getEncoded();
    }

    /** BCRYPT_RSAKEY_BLOB (public): "RSA1", bit length, cbPublicExp, cbModulus, 0, 0, exponent, modulus. */
    static byte[] blob(RSAPublicKey key) {
        byte[] e = unsigned(key.getPublicExponent());
        byte[] n = unsigned(key.getModulus());
        return blob("RSA1".getBytes(StandardCharsets.US_ASCII), key.getModulus().bitLength(), e, n, 0, 0, new byte[0]);
    }

    static byte[] blob(byte[] magic, int bits, byte[] e, byte[] n, int prime1, int prime2, byte[] tail) {
        ByteBuffer b = ByteBuffer.allocate(24 + e.length + n.length + tail.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(magic).putInt(bits).putInt(e.length).putInt(n.length).putInt(prime1).putInt(prime2);
        b.put(e).put(n).put(tail);
        return b.array();
    }

    static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b[0] == 0 && b.length > 1) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            return t;
        }
        return b;
    }

    static ObjectNode joinBody(byte[] csr, byte[] blob, int joinType) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("CertificateRequest").put("Type", "pkcs10").put("Data", Base64.getEncoder().encodeToString(csr));
        body.put("TransportKey", Base64.getEncoder().encodeToString(blob));
        body.put("TargetDomain", "contoso.example");
        body.put("DeviceType", "Linux");
        body.put("OSVersion", "Debian GNU/Linux 12 (bookworm)");
        body.put("DeviceDisplayName", "testbox");
        body.put("JoinType", joinType);
        body.putObject("Attributes").put("ReuseDevice", true).put("SharedDevice", false);
        return body;
    }

    static HttpRequest.Builder joinRequest(DrsEmulator drs, String token, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(drs.baseUrl() + "/EnrollmentServer/device/?api-version=2.0"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("ocp-adrs-client-name", "dsreg-tests")
                .header("ocp-adrs-client-version", "0.1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return send(client, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    static HttpResponse<String> postForm(HttpClient client, String url, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(client, HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String nonce(HttpClient client, DrsEmulator drs) throws Exception {
        HttpResponse<String> r = get(client, drs.baseUrl() + "/EnrollmentServer/nonce/" + drs.tenantId()
                + "/?api-version=1.0");
        if (r.statusCode() != 200) {
            throw new AssertionError("nonce: " + r.statusCode() + " " + r.body());
        }
        return json(r).path("Value").asText();
    }

    /** The claims of a JWT, unverified. */
    static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    /** Asserts a DRS ErrorDetails answer: status, JSON content type, exactly the four members, message text. */
    static JsonNode assertDrsError(HttpResponse<String> r, int status, String messagePart) throws IOException {
        org.junit.jupiter.api.Assertions.assertEquals(status, r.statusCode(), r.body());
        org.junit.jupiter.api.Assertions.assertTrue(r.headers().firstValue("content-type").orElse("")
                .startsWith("application/json"), r.headers().toString());
        JsonNode e = json(r);
        java.util.List<String> names = new java.util.ArrayList<>();
        e.fieldNames().forEachRemaining(names::add);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("ErrorType", "Message", "TraceId", "Time"),
                names, r.body());
        org.junit.jupiter.api.Assertions.assertFalse(e.path("ErrorType").asText().isBlank(), r.body());
        java.util.UUID.fromString(e.path("TraceId").asText());
        org.junit.jupiter.api.Assertions.assertTrue(e.path("Time").asText()
                .matches("\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d"), r.body());
        org.junit.jupiter.api.Assertions.assertTrue(e.path("Message").asText().contains(messagePart),
                "expected '" + messagePart + "' in " + r.body());
        return e;
    }

    /** Asserts an OAuth error answer. */
    static JsonNode assertOAuthError(HttpResponse<String> r, int status, String error) throws IOException {
        org.junit.jupiter.api.Assertions.assertEquals(status, r.statusCode(), r.body());
        JsonNode e = json(r);
        org.junit.jupiter.api.Assertions.assertEquals(error, e.path("error").asText(), r.body());
        org.junit.jupiter.api.Assertions.assertTrue(e.path("error_description").isTextual(), r.body());
        org.junit.jupiter.api.Assertions.assertTrue(e.path("error_codes").isArray()
                && e.path("error_codes").size() == 1 && e.path("error_codes").get(0).isInt(), r.body());
        return e;
    }

    /** A device joined through the emulator: its key and certificate. */
    record Joined(KeyPair key, X509Certificate certificate, String deviceId) {
    }

    /** Joins a new device (with a nonce) and returns its key and certificate. */
    static Joined join(DrsEmulator drs, HttpClient http) throws Exception {
        return join(drs, http, 0);
    }

    /** Joins a new device (with a nonce) with this join type and returns its key and certificate. */
    static Joined join(DrsEmulator drs, HttpClient http, int joinType) throws Exception {
        KeyPair key = rsa2048();
        byte[] body = joinBody(csr(key, nonce(http, drs)), blob((RSAPublicKey) key.getPublic()), joinType).toString()
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = send(http, joinRequest(drs, drs.issueAccessToken("alice@contoso.example"), body)
                .build());
        if (r.statusCode() != 200) {
            throw new AssertionError("join: " + r.statusCode() + " " + r.body());
        }
        X509Certificate cert = certificate(Base64.getDecoder().decode(json(r).at("/Certificate/RawBody").asText()));
        return new Joined(key, cert, cert.getSubjectX500Principal().getName().substring(3));
    }

    /** A client that presents {@code cert} whatever CAs the server asks for (the JDK key managers would not). */
    static HttpClient clientTrustingEmulatorWithForeignChain(DrsEmulator drs, KeyPair key, X509Certificate cert)
            throws Exception {
        javax.net.ssl.X509ExtendedKeyManager km = new javax.net.ssl.X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
                return new String[] {"device"};
            }

            @Override
            public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers,
                                            java.net.Socket socket) {
                return "device";
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                                                  javax.net.ssl.SSLEngine engine) {
                return "device";
            }

            @Override
            public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, java.security.Principal[] issuers,
                                            java.net.Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return new X509Certificate[] {cert};
            }

            @Override
            public java.security.PrivateKey getPrivateKey(String alias) {
                return key.getPrivate();
            }
        };
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", readPem(drs.caPem()));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new javax.net.ssl.KeyManager[] {km}, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .sslContext(ctx).build();
    }
}
