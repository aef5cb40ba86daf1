package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.dsreg.testkit.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsrAndBlobTest {
    final MemoryKeyStorage storage = new MemoryKeyStorage();
    final HttpDrsClient client = new HttpDrsClient(new DrsSettings(URI.create("https://127.0.0.1"), Optional.empty(),
            Duration.ofSeconds(5), "0.1.0"), null);

    @Test
    void theCsrIsWhatDrsDemandsAndSignedThroughTheKeyStorage(@TempDir Path dir) throws Exception {
        RSAPublicKey key = (RSAPublicKey) storage.generate("device");
        byte[] der = client.certificateRequest(storage, "device", key, Optional.of("nonce-123"));
        assertEquals(1, storage.signatures, "signed by the key storage, once");

        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
        assertEquals("CN=7E980AD9-B86D-4306-9425-9AC066FB014A", csr.getSubject().toString());
        assertEquals(PKCSObjectIdentifiers.sha256WithRSAEncryption, csr.getSignatureAlgorithm().getAlgorithm());
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key)));
        Extensions ext = Extensions.getInstance(csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                .getAttrValues().getObjectAt(0));
        var nonce = ext.getExtension(new ASN1ObjectIdentifier("1.2.840.113556.1.5.284.2.1"));
        assertEquals("nonce-123", new String(ASN1OctetString.getInstance(nonce.getParsedValue()).getOctets(),
                StandardCharsets.UTF_8));

        // an independent verifier: openssl
        Path pem = dir.resolve("req.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n");
        Path openssl = ExternalTools.require("openssl", "openssl");
        var r = ExternalTools.run(List.of(openssl.toString(), "req", "-in", pem.toString(), "-verify", "-noout",
                "-text"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue((r.stdout() + r.stderr()).contains("verify OK") || (r.stdout() + r.stderr()).contains("Certificate request self-signature verify OK"),
                r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("Public-Key: (2048 bit)"), r.stdout());
        assertTrue(r.stdout().contains("Exponent: 65537"), r.stdout());
        assertTrue(r.stdout().contains("sha256WithRSAEncryption"), r.stdout());
    }

    @Test
    void withoutANonceThereIsNoExtensionRequest() throws Exception {
        RSAPublicKey key = (RSAPublicKey) storage.generate("device");
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(
                client.certificateRequest(storage, "device", key, Optional.empty()));
        assertEquals(0, csr.getAttributes().length);
    }

    /** Reads a BCRYPT_RSAKEY_BLOB by its published layout, independently of the encoder. */
    @Test
    void theTransportKeyBlobHasThePublishedLayout() {
        RSAPublicKey key = (RSAPublicKey) storage.generate("transport");
        byte[] blob = TransportKeyBlob.of(key);
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        b.get(magic);
        assertArrayEquals("RSA1".getBytes(StandardCharsets.US_ASCII), magic);
        assertEquals(2048, b.getInt());
        int expLen = b.getInt();
        int modLen = b.getInt();
        assertEquals(0, b.getInt(), "cbPrime1");
        assertEquals(0, b.getInt(), "cbPrime2");
        assertEquals(3, expLen);
        assertEquals(256, modLen);
        assertEquals(24 + expLen + modLen, blob.length, "no primes after the modulus");
        byte[] exp = Arrays.copyOfRange(blob, 24, 24 + expLen);
        byte[] mod = Arrays.copyOfRange(blob, 24 + expLen, blob.length);
        assertArrayEquals(new byte[] {1, 0, 1}, exp);
        assertEquals(key.getModulus(), new BigInteger(1, mod));
    }
}
