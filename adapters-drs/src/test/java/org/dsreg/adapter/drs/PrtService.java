package org.dsreg.adapter.drs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Thumbprint;
import org.dsreg.testkit.TestCertificates;

/**
 * The other side of the PRT grants for unit tests: a scripted token endpoint on loopback HTTPS (MockWebServer with
 * a certificate the client trusts through {@code --trust-ca}), a registration of that tenant whose device and
 * transport keys are in a {@link MemoryKeyStorage}, and the exchange under test with a fixed clock.
 */
final class PrtService implements AutoCloseable {
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final TestCertificates CA = TestCertificates.newAuthority("MS-Organization-Access");

    final MockWebServer server = new MockWebServer();
    final MemoryKeyStorage storage = new MemoryKeyStorage();
    final Registration registration;
    final CertificateInfo certificate;
    final DrsSettings settings;
    final HttpPrtExchange exchange;

    PrtService(Path dir) throws Exception {
        LoopbackTls tls = new LoopbackTls();
        server.useHttps(tls.serverContext.getSocketFactory(), false);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        storage.generate("transport");
        certificate = certificate();
        registration = registration(Optional.of(endpoint()), Optional.of(new KeyRef("memory", "transport")));
        settings = new DrsSettings(URI.create("https://127.0.0.1:" + server.getPort()), Optional.of(tls.writePem(dir)),
                Duration.ofSeconds(2), "0.1.0");
        exchange = exchange(settings);
    }

    static HttpPrtExchange exchange(DrsSettings settings) {
        return new HttpPrtExchange(new TokenEndpointCalls(new HttpClients(settings), settings),
                Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
    }

    String endpoint() {
        return "https://127.0.0.1:" + server.getPort() + "/" + TENANT + "/oauth2/token";
    }

    Registration registration(Optional<String> tokenUrl, Optional<KeyRef> transport) {
        TenantDetails details = new TenantDetails(TENANT, Optional.of("contoso.example"), Optional.empty(),
                Optional.empty(), tokenUrl, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        DeviceId device = new DeviceId(UUID.fromString(certificate.subject().replaceFirst("^CN=", "")));
        return new Registration(TENANT, device, JoinType.JOINED, Optional.of(DeviceMode.SHARED), certificate,
                new KeyRef("memory", "device"), transport, details, Optional.of(NOW), RegistrationSource.DSREG);
    }

    private CertificateInfo certificate() throws Exception {
        var key = storage.generate("device");
        UUID device = UUID.randomUUID();
        X509Certificate c = CA.deviceCertificate(key, device, TENANT.value(), "0", NOW.minusSeconds(60),
                NOW.plusSeconds(3600));
        byte[] der = c.getEncoded();
        return new CertificateInfo("CN=" + device, "CN=MS-Organization-Access", "1", NOW, NOW, Thumbprint.ofDer(der),
                key.getEncoded(), der);
    }

    void reply(int status, String body) {
        server.enqueue(new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body));
    }

    void nonce(String nonce) {
        reply(200, "{\"Nonce\":\"" + nonce + "\"}");
    }

    /** A request's form fields, in the order sent. */
    static Map<String, String> form(RecordedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.getBody().readUtf8().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return form;
    }

    /** A JWS segment's JSON. */
    static JsonNode segment(String jws, int index) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jws.split("\\.")[index]));
    }

    /** An unsigned JWT with these claims (the client reads claims without checking signatures). */
    static String jwt(String claimsJson) {
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        return b.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Override
    public void close() throws Exception {
        server.shutdown();
    }
}
