package org.dsreg.testkit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for tests that issues device certificates shaped like those of the
 * Microsoft device registration service: subject {@code CN=<device id>}, the device-id, tenant-id
 * and join-type extensions, SHA-256 with RSA.
 */
public final class TestCertificates {
    public static final String OID_DEVICE_ID = "1.2.840.113556.1.5.284.2";
    public static final String OID_TENANT_ID = "1.2.840.113556.1.5.284.5";
    public static final String OID_JOIN_TYPE = "1.2.840.113556.1.5.284.7";

    private final KeyPair caKey;
    private final X509Certificate caCertificate;
    private final SecureRandom random = new SecureRandom();

    private TestCertificates(KeyPair caKey, X509Certificate caCertificate) {
        this.caKey = caKey;
        this.caCertificate = caCertificate;
    }

    /** A new CA named {@code CN=<name>}, valid for ten years from now. */
    public static TestCertificates newAuthority(String name) {
        try {
            KeyPair key = rsaKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                    Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3650L * 86400)), subject, key.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestCertificates(key, sign(b, key));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a test CA", e);
        }
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** A fresh RSA-2048 key pair with exponent 65537. */
    public static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
        return gen.generateKeyPair();
    }

    /** A device certificate as DRS issues it, for the given public key. */
    public X509Certificate deviceCertificate(PublicKey deviceKey, UUID deviceId, UUID tenantId, String joinType,
                                             Instant notBefore, Instant notAfter) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    new X500Name(caCertificate.getSubjectX500Principal().getName()),
                    new BigInteger(64, random).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + deviceId), deviceKey);
            b.addExtension(new ASN1ObjectIdentifier(OID_DEVICE_ID), false, new DEROctetString(dotNetGuid(deviceId)));
            b.addExtension(new ASN1ObjectIdentifier(OID_TENANT_ID), false, new DEROctetString(dotNetGuid(tenantId)));
            if (joinType != null) {
                b.addExtension(new ASN1ObjectIdentifier(OID_JOIN_TYPE), false,
                        new DEROctetString(joinType.getBytes(StandardCharsets.UTF_8)));
            }
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            return sign(b, caKey);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a test device certificate", e);
        }
    }

    /**
     * A TLS server certificate issued by this CA: subject {@code CN=<commonName>}, a subject alternative name with
     * the given DNS names and IP addresses, extended key usage {@code serverAuth}, key usage digitalSignature and
     * keyEncipherment, not a CA.
     *
     * @param serverKey   the server's public key
     * @param commonName  the subject CN
     * @param dnsNames    DNS names for the subject alternative name (may be empty)
     * @param ipAddresses IP address literals for the subject alternative name (may be empty)
     * @param notBefore   start of validity
     * @param notAfter    end of validity
     * @return the certificate
     */
    public X509Certificate tlsServerCertificate(PublicKey serverKey, String commonName, List<String> dnsNames,
                                                List<String> ipAddresses, Instant notBefore, Instant notAfter) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    new X500Name(caCertificate.getSubjectX500Principal().getName()),
                    new BigInteger(64, random).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + commonName), serverKey);
            List<GeneralName> names = new ArrayList<>();
            for (String dns : dnsNames) {
                names.add(new GeneralName(GeneralName.dNSName, dns));
            }
            for (String ip : ipAddresses) {
                names.add(new GeneralName(GeneralName.iPAddress, ip));
            }
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(new GeneralName[0])));
            }
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return sign(b, caKey);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a test TLS server certificate", e);
        }
    }

    /** PEM text of a certificate. */
    public static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A GUID in .NET byte order, as the Microsoft certificate extensions carry it. */
    public static byte[] dotNetGuid(UUID id) {
        ByteBuffer big = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        byte[] b = big.array();
        ByteBuffer out = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(ByteBuffer.wrap(b, 0, 4).getInt());
        out.putShort(ByteBuffer.wrap(b, 4, 2).getShort());
        out.putShort(ByteBuffer.wrap(b, 6, 2).getShort());
        out.put(b, 8, 8);
        return out.array();
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    }
}
