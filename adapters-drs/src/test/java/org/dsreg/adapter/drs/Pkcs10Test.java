package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written request is, byte for byte, what BouncyCastle's PKCS#10 builder makes (as dsreg used to). */
class Pkcs10Test {
    final MemoryKeyStorage storage = new MemoryKeyStorage();

    @ParameterizedTest
    @ValueSource(strings = {"", "nonce-123", "a nonce long enough that its extension needs a length of more than one "
            + "byte: DRS nonces are base64 text of some hundred characters, so the long form is what real joins send"})
    void theRequestIsWhatBouncyCastleWrote(String nonce) throws Exception {
        PublicKey key = storage.generate("device");
        Optional<String> n = Optional.of(nonce).filter(s -> !s.isEmpty());
        byte[] ours = Pkcs10.request(HttpDrsClient.CSR_COMMON_NAME, key, HttpDrsClient.NONCE_OID, n,
                data -> storage.sign("device", SignatureScheme.RSA_PKCS1_SHA256, data));
        assertEquals(HexFormat.of().formatHex(bouncyCastles(key, n)), HexFormat.of().formatHex(ours));
    }

    /** How HttpDrsClient built the request with BouncyCastle until the join stopped loading it. */
    byte[] bouncyCastles(PublicKey key, Optional<String> nonce) throws Exception {
        PKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=" + HttpDrsClient.CSR_COMMON_NAME), key);
        if (nonce.isPresent()) {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(new ASN1ObjectIdentifier(HttpDrsClient.NONCE_OID), false,
                    new DEROctetString(nonce.get().getBytes(StandardCharsets.UTF_8)));
            b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        return b.build(new ContentSigner() {
            @Override public AlgorithmIdentifier getAlgorithmIdentifier() {
                return new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");
            }
            @Override public OutputStream getOutputStream() { return signed; }
            @Override public byte[] getSignature() {
                return storage.sign("device", SignatureScheme.RSA_PKCS1_SHA256, signed.toByteArray());
            }
        }).getEncoded();
    }

    @Test
    void lengthsAndObjectIdentifiersAreDer() {
        assertArrayEquals(new byte[] {0x04, 0x00}, Pkcs10.tlv(0x04));
        assertArrayEquals(new byte[] {0x04, (byte) 0x81, (byte) 0x80}, java.util.Arrays.copyOf(
                Pkcs10.tlv(0x04, new byte[0x80]), 3));
        assertArrayEquals(new byte[] {0x04, (byte) 0x82, 0x01, 0x00}, java.util.Arrays.copyOf(
                Pkcs10.tlv(0x04, new byte[0x100]), 4));
        assertEquals("06092a864886f70d01010b", HexFormat.of().formatHex(Pkcs10.oid("1.2.840.113549.1.1.11")));
        assertEquals("0603550403", HexFormat.of().formatHex(Pkcs10.oid("2.5.4.3")));
        assertEquals("060c2a864886f7140105821c0201", HexFormat.of().formatHex(Pkcs10.oid("1.2.840.113556.1.5.284.2.1")));
    }
}
