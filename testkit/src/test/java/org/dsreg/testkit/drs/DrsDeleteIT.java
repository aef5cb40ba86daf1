package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.DrsTestSupport.assertDrsError;
import static org.dsreg.testkit.drs.DrsTestSupport.client;
import static org.dsreg.testkit.drs.DrsTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.dsreg.testkit.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DrsEmulatorExtension.class)
class DrsDeleteIT {

    private static HttpResponse<String> delete(HttpClient http, DrsEmulator drs, String id, String query)
            throws IOException, InterruptedException {
        return send(http, HttpRequest.newBuilder(URI.create(drs.baseUrl() + "/EnrollmentServer/device/" + id + query))
                .timeout(Duration.ofSeconds(20)).DELETE().build());
    }

    @Test
    void deleteNeedsTheDevicesOwnCertificate(DrsEmulator drs) throws Exception {
        HttpClient anonymous = client(drs);
        DrsTestSupport.Joined device = DrsTestSupport.join(drs, anonymous);
        DrsTestSupport.Joined other = DrsTestSupport.join(drs, anonymous);

        assertDrsError(delete(anonymous, drs, device.deviceId(), ""), 401, "client certificate is required");

        HttpClient asOther = client(drs, other.key(), other.certificate());
        assertDrsError(delete(asOther, drs, device.deviceId(), "?api-version=1.0"), 403,
                "is not device " + device.deviceId());

        HttpClient asDevice = client(drs, device.key(), device.certificate());
        assertDrsError(delete(asDevice, drs, device.deviceId(), "?api-version=2.0"), 400, "api-version");
        HttpResponse<String> ok = delete(asDevice, drs, device.deviceId(), "?api-version=1.0");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("", ok.body());
        assertTrue(drs.devices().get(device.deviceId()).deleted());
        assertFalse(drs.devices().get(other.deviceId()).deleted());

        assertDrsError(delete(asDevice, drs, device.deviceId(), "?api-version=1.0"), 404, "deleted already");
        assertDrsError(delete(asDevice, drs, UUID.randomUUID().toString(), ""), 404, "no device");
        assertDrsError(delete(asDevice, drs, "not-a-guid", ""), 404, "no device");

        // without api-version, upper-case id: as ROADtools sends it
        HttpResponse<String> second = delete(asOther, drs, other.deviceId().toUpperCase(java.util.Locale.ROOT), "");
        assertEquals(200, second.statusCode(), second.body());
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedDuringTheHandshake(DrsEmulator drs) throws Exception {
        HttpClient anonymous = client(drs);
        DrsTestSupport.Joined device = DrsTestSupport.join(drs, anonymous);
        // same key, same CN, but issued by another CA: the emulator's TLS trust manager refuses it
        TestCertificates foreign = TestCertificates.newAuthority("Not the emulator");
        X509Certificate forged = foreign.deviceCertificate(device.key().getPublic(), UUID.fromString(device.deviceId()),
                UUID.fromString(drs.tenantId()), "0", Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        HttpClient withForged = DrsTestSupport.clientTrustingEmulatorWithForeignChain(drs, device.key(), forged);
        // TLS 1.3: the client may finish its side of the handshake before the server refuses the certificate, so
        // the failure shows as an alert or as a connection closed before any HTTP answer
        assertThrows(IOException.class, () -> delete(withForged, drs, device.deviceId(), ""));
        assertFalse(drs.devices().get(device.deviceId()).deleted());
    }

    @Test
    void deleteKeyManagerFromAPkcs12File(DrsEmulator drs, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        HttpClient anonymous = client(drs);
        DrsTestSupport.Joined device = DrsTestSupport.join(drs, anonymous);
        java.nio.file.Path p12 = dir.resolve("device.p12");
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("device", device.key().getPrivate(), "secret".toCharArray(),
                new java.security.cert.Certificate[] {device.certificate()});
        try (var out = java.nio.file.Files.newOutputStream(p12)) {
            ks.store(out, "secret".toCharArray());
        }
        java.security.KeyStore loaded = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(p12)) {
            loaded.load(in, "secret".toCharArray());
        }
        KeyPair key = new KeyPair(device.certificate().getPublicKey(),
                (java.security.PrivateKey) loaded.getKey("device", "secret".toCharArray()));
        HttpClient asDevice = client(drs, key, (X509Certificate) loaded.getCertificate("device"));
        assertEquals(200, delete(asDevice, drs, device.deviceId(), "").statusCode());
    }
}
