package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.Thumbprint;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.JoinReply;
import org.dsreg.port.out.JoinRequest;
import org.dsreg.port.out.PrtAccessToken;
import org.dsreg.port.out.PrtGrant;
import org.dsreg.port.out.TokenServiceException;
import org.dsreg.port.out.UserCredential;
import org.dsreg.port.out.UserCredentials;
import org.dsreg.testkit.drs.DrsEmulator;
import org.dsreg.testkit.drs.IssuedPrt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PRT grants through the real adapter (OkHttp, TLS verified against the emulator's CA, the device and transport
 * keys used through the key-storage port) against the emulator's strict token endpoint: a device joined first, then
 * a first PRT from a user refresh token (a file, or the device code sign-in), renewals, an access token, and the
 * service's refusals as dsreg reports them.
 */
class PrtExchangeAgainstEmulatorIT {
    @TempDir
    Path dir;
    DrsEmulator drs;
    HttpClients http;
    HttpPrtExchange exchange;
    HttpUserCredentials credentials;
    Registration registration;
    final MemoryKeyStorage storage = new MemoryKeyStorage();

    @BeforeEach
    void joinADevice() throws Exception {
        drs = DrsEmulator.start(dir.resolve("drs"));
        DrsSettings settings = new DrsSettings(URI.create(drs.baseUrl()), Optional.of(drs.caPem()),
                Duration.ofSeconds(20), "0.1.0");
        http = new HttpClients(settings);
        exchange = new HttpPrtExchange(new TokenEndpointCalls(http, settings));
        credentials = new HttpUserCredentials(new DeviceCodeFlow(http));
        HttpDrsClient client = new HttpDrsClient(settings, http);
        Discovery discovery = client.discover(drs.tenantDomain());
        AccessToken admin = new AccessToken(drs.issueAccessToken("admin@" + drs.tenantDomain()), Optional.empty(),
                Optional.empty());
        byte[] csr = client.certificateRequest(storage, "device", storage.generate("device"), client.nonce(discovery,
                admin));
        JoinReply joined = client.join(discovery, admin, new JoinRequest(csr, storage.generate("transport"),
                drs.tenantDomain(), "Linux", "Debian GNU/Linux 12", "host-prt", JoinType.JOINED, DeviceMode.SHARED));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(joined.certificateDer()));
        byte[] der = joined.certificateDer();
        CertificateInfo info = new CertificateInfo(cert.getSubjectX500Principal().getName(),
                cert.getIssuerX500Principal().getName(), cert.getSerialNumber().toString(16),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), Thumbprint.ofDer(der),
                cert.getPublicKey().getEncoded(), der);
        DeviceId device = DeviceId.parse(cert.getSubjectX500Principal().getName().replaceFirst("^CN=", ""));
        registration = new Registration(discovery.details().tenantId(), device, JoinType.JOINED,
                Optional.of(DeviceMode.SHARED), info, new KeyRef("memory", "device"),
                Optional.of(new KeyRef("memory", "transport")), discovery.details(), Optional.of(Instant.now()),
                RegistrationSource.DSREG);
    }

    @AfterEach
    void stop() {
        drs.close();
    }

    String upn() {
        return "alice@" + drs.tenantDomain();
    }

    PrtGrant acquire() {
        String refreshToken = drs.issueRefreshToken(upn(), UserCredentials.PRT_CLIENT_ID);
        return exchange.acquire(registration, storage, new UserCredential(refreshToken, Optional.empty(),
                Optional.empty()));
    }

    @Test
    void aFirstPrtFromARefreshTokenThenRenewalsAndAnAccessToken() {
        PrtGrant first = acquire();
        assertEquals(32, first.sessionKey().orElseThrow().length);
        assertEquals(Optional.of(upn()), first.upn().map(String::toLowerCase));
        assertEquals(Optional.of(drs.objectId(upn())), first.objectId());
        assertTrue(first.expiresOn().orElseThrow().isAfter(Instant.now().plus(Duration.ofDays(1))));
        List<IssuedPrt> issued = drs.prts();
        assertEquals(1, issued.size());
        assertEquals(registration.deviceId().toString(), issued.get(0).deviceId());

        InMemorySessionKey key = new InMemorySessionKey(first.sessionKey().orElseThrow());
        PrtGrant renewed = exchange.renew(registration, first.prt(), key);
        assertNotEquals(first.prt(), renewed.prt(), "a new PRT");
        assertTrue(renewed.sessionKey().isEmpty());
        PrtGrant again = exchange.renew(registration, renewed.prt(), key);
        assertEquals(2, drs.prtRenewals());

        PrtAccessToken at = exchange.accessToken(registration, again.prt(), key,
                "1b730954-1685-4b74-9bfd-dac224a7b894", "https://graph.microsoft.com/.default");
        assertEquals(Optional.of("https://graph.microsoft.com"), at.token().audience());
        assertEquals(Optional.of(drs.tenantId()), at.token().tenant());
        assertTrue(at.token().expiresOn().orElseThrow().isAfter(Instant.now()));
    }

    @Test
    void aFirstPrtFromTheDeviceCodeSignInsRefreshToken() {
        List<String> prompts = new ArrayList<>();
        UserCredential user = credentials.deviceCode(registration.tenantDetails(), UserCredentials.PRT_CLIENT_ID,
                "01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9/.default openid profile offline_access", prompts::add);
        assertEquals(1, prompts.size());
        PrtGrant grant = exchange.acquire(registration, storage, user);
        assertTrue(user.objectId().isPresent(), "the sign-in's ID token names the user");
        assertEquals(user.objectId(), grant.objectId(), "the PRT is the signed-in user's");
        assertEquals(1, drs.prts().size());
    }

    @Test
    void aRefusedPrtRequestIsReportedWithTheServicesCode() {
        drs.failPrtRequests("invalid_grant", 70000, "The provided grant has expired.");
        TokenServiceException e = assertThrows(TokenServiceException.class, this::acquire);
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals(Optional.of("AADSTS70000"), e.errorCode());
        assertEquals(Optional.of(400), e.httpStatus());
        assertTrue(e.traceId().isPresent());
        assertTrue(e.getMessage().startsWith("the token service refused the PRT request: AADSTS70000:"),
                e.getMessage());
        drs.clearPrtFailure();
        assertEquals(32, acquire().sessionKey().orElseThrow().length);
    }

    @Test
    void aRenewalUnderTheWrongSessionKeyOrOfAnUnknownPrtIsRefused() {
        PrtGrant first = acquire();
        TokenServiceException wrongKey = assertThrows(TokenServiceException.class, () -> exchange.renew(
                registration, first.prt(), new InMemorySessionKey(new byte[32])));
        assertTrue(wrongKey.errorCode().orElseThrow().startsWith("AADSTS"), wrongKey.getMessage());
        TokenServiceException unknown = assertThrows(TokenServiceException.class, () -> exchange.renew(
                registration, "not-a-prt", new InMemorySessionKey(first.sessionKey().orElseThrow())));
        assertTrue(unknown.errorCode().orElseThrow().startsWith("AADSTS"), unknown.getMessage());
        assertEquals(Optional.of(400), unknown.httpStatus());
    }

    @Test
    void aRefreshTokenOfAnotherClientIsRefused() {
        String other = drs.issueRefreshToken(upn(), "04b07795-8ddb-461a-bbee-02f9e1bf7b46");
        TokenServiceException e = assertThrows(TokenServiceException.class, () -> exchange.acquire(registration,
                storage, new UserCredential(other, Optional.empty(), Optional.empty())));
        assertTrue(e.errorCode().orElseThrow().startsWith("AADSTS"), e.getMessage());
        assertTrue(drs.prts().isEmpty());
    }
}
