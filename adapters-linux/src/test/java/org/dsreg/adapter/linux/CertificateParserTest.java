package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.JoinType;
import org.dsreg.testkit.ExternalTools;
import org.dsreg.testkit.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateParserTest {
    static final TestCertificates CA = TestCertificates.newAuthority("MS-Organization-Access");
    static final UUID DEVICE = UUID.fromString("00aa00aa-bb11-cc22-dd33-44ee44ee44ee");
    static final UUID TENANT = UUID.fromString("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static X509Certificate cert;

    @BeforeAll
    static void issue() throws Exception {
        KeyPair key = TestCertificates.rsaKeyPair();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        cert = CA.deviceCertificate(key.getPublic(), DEVICE, TENANT, "0", now.minusSeconds(60), now.plusSeconds(86400));
    }

    @Test
    void readsPemAndDerAlike() throws Exception {
        X509Certificate fromPem = CertificateParser.parse(TestCertificates.pem(cert).getBytes(StandardCharsets.US_ASCII));
        X509Certificate fromDer = CertificateParser.parse(cert.getEncoded());
        assertEquals(cert, fromPem);
        assertEquals(cert, fromDer);
    }

    @Test
    void readsTheMicrosoftExtensionsInDotNetByteOrder() {
        assertEquals(Optional.of(DEVICE), CertificateParser.guidExtension(cert, CertificateParser.OID_DEVICE_ID));
        assertEquals(Optional.of(TENANT), CertificateParser.guidExtension(cert, CertificateParser.OID_TENANT_ID));
        assertEquals(JoinType.JOINED, CertificateParser.joinType(cert));
        assertEquals(Optional.of(DEVICE.toString()), CertificateParser.subjectCommonName(cert));
        // .NET order swaps the first three groups: 00aa00aa -> aa 00 aa 00
        byte[] b = TestCertificates.dotNetGuid(DEVICE);
        assertEquals((byte) 0xaa, b[0]);
        assertEquals((byte) 0x00, b[1]);
        assertEquals((byte) 0x11, b[4]);
        assertEquals((byte) 0xbb, b[5]);
        assertEquals((byte) 0xdd, b[8]);
    }

    @Test
    void garbageIsACertificateException() {
        assertThrows(CertificateException.class, () -> CertificateParser.parse("hello".getBytes(StandardCharsets.US_ASCII)));
    }

    /** Our thumbprint and validity agree with openssl's reading of the same certificate. */
    @Test
    void agreesWithOpenssl(@TempDir Path dir) throws Exception {
        Path openssl = ExternalTools.require("openssl", "openssl");
        Path pem = dir.resolve("device.pem");
        Files.writeString(pem, TestCertificates.pem(cert));
        var r = ExternalTools.run(List.of(openssl.toString(), "x509", "-in", pem.toString(), "-noout",
                "-fingerprint", "-sha1", "-serial"));
        assertEquals(0, r.exitCode(), r.stderr());
        CertificateInfo info = CertificateParser.info(cert);
        String fingerprint = r.stdout().lines().filter(l -> l.toLowerCase().startsWith("sha1 fingerprint="))
                .findFirst().orElseThrow().replaceFirst("(?i)sha1 fingerprint=", "").replace(":", "");
        String serial = r.stdout().lines().filter(l -> l.startsWith("serial=")).findFirst().orElseThrow()
                .substring("serial=".length()).replaceFirst("^0+", "");
        assertEquals(fingerprint, info.thumbprint().value());
        assertEquals(serial, info.serialNumberHex());
    }
}
