package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.Thumbprint;
import org.dsreg.port.out.DeviceNotFoundException;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.JoinReply;
import org.dsreg.port.out.JoinRequest;
import org.dsreg.testkit.drs.DrsEmulator;
import org.dsreg.testkit.drs.RegisteredDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DRS adapter's happy paths, through the real adapter (OkHttp, TLS verified against the emulator's CA, the
 * device key used through the key-storage port) against the DRS emulator: discovery, the device-code token, the
 * nonce, the join, device authentication and the delete. The emulator's own strictness is tested in testkit.
 */
class DrsAdapterAgainstEmulatorIT {
    @TempDir
    Path dir;
    DrsEmulator drs;
    HttpDrsClient client;
    HttpDrsTokens tokens;
    final MemoryKeyStorage storage = new MemoryKeyStorage();

    @BeforeEach
    void start() {
        drs = DrsEmulator.start(dir.resolve("drs"));
        DrsSettings settings = new DrsSettings(URI.create(drs.baseUrl()), Optional.of(drs.caPem()),
                Duration.ofSeconds(20), "0.1.0");
        HttpClients http = new HttpClients(settings);
        client = new HttpDrsClient(settings, http);
        tokens = new HttpDrsTokens(http);
    }

    @AfterEach
    void stop() {
        drs.close();
    }

    @Test
    void discoveryByDomainAndByIdNamesTheSameTenantAndItsServices() {
        Discovery byDomain = client.discover(drs.tenantDomain());
        Discovery byId = client.discover(drs.tenantId());
        assertEquals(drs.tenantId(), byDomain.details().tenantId().toString());
        assertEquals(byDomain.details().tenantId(), byId.details().tenantId());
        assertEquals(Optional.of(drs.tenantDomain()), byDomain.details().tenantName());
        assertTrue(byDomain.details().joinService().orElseThrow().url().startsWith(drs.baseUrl()));
        assertTrue(byDomain.nonceService().isPresent());
        assertEquals("https://127.0.0.1:" + URI.create(drs.baseUrl()).getPort() + "/" + drs.tenantId(),
                HttpDrsTokens.authority(byDomain), "the tenant's authority, from discovery's real TokenEndpoint");
    }

    @Test
    void theDeviceCodeFlowGivesADrsTokenOfTheTenant() {
        Discovery d = client.discover(drs.tenantDomain());
        List<String> prompts = new ArrayList<>();
        AccessToken token = tokens.deviceCode(d, "29d9ed98-a469-4536-ade2-f981bc1d605e",
                "01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9/.default", prompts::add);
        assertEquals(1, prompts.size(), "the user is shown the code once: " + prompts);
        assertEquals(Optional.of(drs.tenantId()), token.tenant());
        assertTrue(token.audience().isPresent());
    }

    /** A device joined through the adapter: the join service, its id and certificate. */
    private record Joined(ServiceEndpoint joinService, DeviceId id, CertificateInfo info) {
    }

    @Test
    void joinAuthenticateAndDeleteADevice() throws Exception {
        Joined j = join();
        ServiceEndpoint joinService = j.joinService();
        DeviceId id = j.id();
        CertificateInfo info = j.info();
        client.checkDevice(joinService, id, info, storage, "device");
        client.delete(joinService, id, info, storage, "device");
        assertTrue(drs.devices().get(id.toString()).deleted(), "the device is gone at DRS");
        DeviceNotFoundException gone = assertThrows(DeviceNotFoundException.class,
                () -> client.delete(joinService, id, info, storage, "device"));
        assertEquals(ErrorKind.UNREGISTRATION_FAILED, gone.kind());
        DrsException refused = assertThrows(DrsException.class,
                () -> client.checkDevice(joinService, id, info, storage, "device"));
        assertEquals(ErrorKind.QUERY_FAILED, refused.kind());
    }

    /** The emulator refuses an expired client certificate in the handshake: the failure says the certificate expired. */
    @Test
    void aDeviceRequestRefusedWithAnExpiredCertificateSaysItExpired() throws Exception {
        drs.admin().certificateValidity(Duration.ofDays(-2), Duration.ofDays(-1));
        Joined j = join();
        String expired = "the device certificate expired " + j.info().notAfter() + ", and a server may refuse an"
                + " expired certificate in the TLS handshake";
        DrsException get = assertThrows(DrsException.class,
                () -> client.checkDevice(j.joinService(), j.id(), j.info(), storage, "device"));
        assertEquals(ErrorKind.QUERY_FAILED, get.kind());
        assertTrue(get.getMessage().startsWith("the device authentication request to 127.0.0.1 failed: ")
                && get.getMessage().endsWith(expired), get.getMessage());
        DrsException delete = assertThrows(DrsException.class,
                () -> client.delete(j.joinService(), j.id(), j.info(), storage, "device"));
        assertEquals(ErrorKind.UNREGISTRATION_FAILED, delete.kind());
        assertTrue(delete.getMessage().endsWith(expired), delete.getMessage());
        assertFalse(drs.devices().get(j.id().toString()).deleted(), "nothing deleted");
    }

    private Joined join() throws Exception {
        Discovery d = client.discover(drs.tenantDomain());
        AccessToken token = new AccessToken(drs.issueAccessToken("admin@" + drs.tenantDomain()), Optional.empty(),
                Optional.empty());
        Optional<String> nonce = client.nonce(d, token);
        assertTrue(nonce.isPresent());
        PublicKey device = storage.generate("device");
        PublicKey transport = storage.generate("transport");
        byte[] csr = client.certificateRequest(storage, "device", device, nonce);
        JoinReply reply = client.join(d, token, new JoinRequest(csr, transport, drs.tenantDomain(), "Linux",
                "Debian GNU/Linux 12 (bookworm)", "host-1", JoinType.JOINED, DeviceMode.SHARED));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(reply.certificateDer()));
        assertArrayEquals(device.getEncoded(), cert.getPublicKey().getEncoded(), "DRS certified our key");
        assertEquals(Thumbprint.ofDer(reply.certificateDer()).toString(), reply.claimedThumbprint().toUpperCase());
        DeviceId id = DeviceId.parse(cert.getSubjectX500Principal().getName().replaceFirst("^CN=", ""));
        RegisteredDevice registered = drs.devices().get(id.toString());
        assertTrue(registered.sharedDevice(), "the emulator read the shared flag our client sent");

        return new Joined(d.details().joinService().orElseThrow(), id, info(cert));
    }

    private static CertificateInfo info(X509Certificate cert) throws Exception {
        byte[] der = cert.getEncoded();
        return new CertificateInfo(cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                cert.getSerialNumber().toString(16), cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                Thumbprint.ofDer(der), cert.getPublicKey().getEncoded(), der);
    }
}
