package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.UUID;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.port.out.BrokerRegistrations;
import org.dsreg.testkit.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicrosoftBrokerCertificatesTest {
    static final TestCertificates CA = TestCertificates.newAuthority("MS-Organization-Access");

    @TempDir
    Path root;

    private BrokerRegistrations.Found read() {
        return new MicrosoftBrokerCertificates(new LinuxPaths(root, root.resolve("state"))).read();
    }

    private static X509Certificate cert(UUID device, UUID tenant, String joinType) throws Exception {
        return CA.deviceCertificate(TestCertificates.rsaKeyPair().getPublic(), device, tenant, joinType,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
    }

    @Test
    void noBrokerDirectoryMeansNoRegistrationAndNoProblem() {
        var found = read();
        assertEquals(0, found.registrations().size());
        assertEquals(0, found.unreadable().size());
    }

    @Test
    void readsPemAndDerCertificatesNamedDrsAndIgnoresTheRest(@TempDir Path outside) throws Exception {
        Path dir = Files.createDirectories(root.resolve("etc/microsoft/identity-broker/certs"));
        UUID d1 = UUID.randomUUID();
        UUID d2 = UUID.randomUUID();
        UUID t1 = UUID.randomUUID();
        UUID t2 = UUID.randomUUID();
        Files.writeString(dir.resolve("drs_" + t1 + ".pem"), TestCertificates.pem(cert(d1, t1, "0")));
        Files.write(dir.resolve("drs_" + t2), cert(d2, t2, "4").getEncoded());
        Files.writeString(dir.resolve("stk_" + t1), TestCertificates.pem(cert(UUID.randomUUID(), t1, null)));
        Files.writeString(dir.resolve("other.pem"), "not ours");
        Path linked = outside.resolve("linked.pem");
        Files.writeString(linked, TestCertificates.pem(cert(UUID.randomUUID(), UUID.randomUUID(), "0")));
        Files.createSymbolicLink(dir.resolve("drs_link"), linked);

        var found = read();
        assertEquals(2, found.registrations().size(), found.toString());
        var byDevice = found.registrations().stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.deviceId().value(), r -> r));
        assertEquals(t1, byDevice.get(d1).tenantId().value());
        assertEquals(JoinType.JOINED, byDevice.get(d1).joinType());
        assertEquals(JoinType.REGISTERED, byDevice.get(d2).joinType());
        assertEquals(RegistrationSource.MICROSOFT_BROKER, byDevice.get(d2).source());
        assertEquals(0, found.unreadable().size(), found.unreadable().toString());
    }

    @Test
    void aCorruptCertificateIsReportedNotFatal() throws Exception {
        Path dir = Files.createDirectories(root.resolve("etc/microsoft/identity-broker/certs"));
        Files.writeString(dir.resolve("drs_broken"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        var found = read();
        assertEquals(0, found.registrations().size());
        assertEquals(1, found.unreadable().size());
        assertTrue(found.unreadable().get(0).contains("drs_broken"), found.unreadable().toString());
    }
}
