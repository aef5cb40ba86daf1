package org.dsreg.testkit.drs;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The CSR of a join (MS-DRS 2.1.1.1.1), validated as strictly as the spec words it: DER PKCS#10,
 * sha256WithRSAEncryption, an RSA key of 2048 bits with exponent 65537, a valid signature, subject exactly
 * {@code CN=7E980AD9-B86D-4306-9425-9AC066FB014A}, and the nonce extension where it belongs.
 *
 * @param key   the CSR's RSA public key
 * @param nonce the nonce carried in the nonce extension, or {@code null}
 */
record JoinCsr(RSAPublicKey key, String nonce) {

    static final String CSR_SUBJECT_CN = DrsEmulator.CSR_SUBJECT_CN;
    static final ASN1ObjectIdentifier NONCE_OID = new ASN1ObjectIdentifier(DrsEmulator.OID_NONCE);
    private static final BigInteger F4 = BigInteger.valueOf(65537);

    /**
     * Parses and validates a CSR.
     *
     * @param der the DER bytes of CertificateRequest.Data
     * @return its key and nonce
     * @throws DrsError a 400 CertificateRequestError naming the first problem found
     */
    static JoinCsr parse(byte[] der) throws DrsError {
        PKCS10CertificationRequest csr;
        try {
            csr = new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw csrError("CertificateRequest.Data is not a DER PKCS#10 certification request: " + e.getMessage());
        }
        AlgorithmIdentifier sigAlg = csr.getSignatureAlgorithm();
        if (!PKCSObjectIdentifiers.sha256WithRSAEncryption.equals(sigAlg.getAlgorithm())) {
            throw csrError("the CSR signature algorithm must be sha256WithRSAEncryption (1.2.840.113549.1.1.11),"
                    + " was " + sigAlg.getAlgorithm().getId());
        }
        if (sigAlg.getParameters() != null && !DERNull.INSTANCE.equals(sigAlg.getParameters())) {
            throw csrError("the CSR signature algorithm parameters must be NULL or absent");
        }
        AlgorithmIdentifier keyAlg = csr.getSubjectPublicKeyInfo().getAlgorithm();
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(keyAlg.getAlgorithm())) {
            throw csrError("the CSR public key must be RSA (1.2.840.113549.1.1.1), was " + keyAlg.getAlgorithm().getId());
        }
        RSAPublicKey key;
        try {
            key = rsaKey(csr);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw csrError("the CSR public key cannot be read: " + e.getMessage());
        }
        if (key.getModulus().bitLength() != 2048) {
            throw csrError("the CSR public key must be RSA 2048-bit, was " + key.getModulus().bitLength() + "-bit");
        }
        if (!F4.equals(key.getPublicExponent())) {
            throw csrError("the CSR public key exponent must be 65537, was " + key.getPublicExponent());
        }
        try {
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
                throw csrError("the CSR signature does not verify with its public key");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw csrError("the CSR signature cannot be verified: " + e.getMessage());
        }
        RDN[] rdns = csr.getSubject().getRDNs();
        AttributeTypeAndValue cn = rdns.length == 1 && !rdns[0].isMultiValued() ? rdns[0].getFirst() : null;
        if (cn == null || !BCStyle.CN.equals(cn.getType()) || !(cn.getValue() instanceof ASN1String s)
                || !CSR_SUBJECT_CN.equals(s.getString())) {
            throw csrError("the CSR subject must be exactly CN=" + CSR_SUBJECT_CN + ", was " + csr.getSubject());
        }
        return new JoinCsr(key, nonce(csr));
    }

    static RSAPublicKey rsaKey(PKCS10CertificationRequest csr) throws GeneralSecurityException, IOException {
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
    }

    /**
     * The nonce from the nonce extension (OID 1.2.840.113556.1.5.284.2.1) inside a PKCS#9 extensionRequest
     * attribute. The extension value (the contents of extnValue) may be a DER OCTET STRING or a DER character
     * string (UTF8String, IA5String, PrintableString) holding the nonce, or the nonce's UTF-8 bytes as they are.
     */
    private static String nonce(PKCS10CertificationRequest csr) throws DrsError {
        if (csr.getAttributes(NONCE_OID).length > 0) {
            throw csrError("the nonce must be an extension inside the PKCS#9 extensionRequest attribute,"
                    + " not an attribute of its own");
        }
        String found = null;
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : attribute.getAttrValues()) {
                Extensions extensions;
                try {
                    extensions = Extensions.getInstance(value);
                } catch (RuntimeException e) {
                    throw csrError("the CSR extensionRequest attribute is malformed: " + e.getMessage());
                }
                Extension ext = extensions.getExtension(NONCE_OID);
                if (ext != null) {
                    if (found != null) {
                        throw csrError("the CSR carries the nonce extension more than once");
                    }
                    found = nonceValue(ext.getExtnValue().getOctets());
                }
            }
        }
        return found;
    }

    private static String nonceValue(byte[] value) throws DrsError {
        byte[] text = value;
        try {
            ASN1Primitive inner = ASN1Primitive.fromByteArray(value);
            if (inner instanceof ASN1OctetString os) {
                text = os.getOctets();
            } else if (inner instanceof ASN1String s) {
                return s.getString();
            }
        } catch (IOException | RuntimeException notDer) {
            // the raw nonce bytes
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(text)).toString();
        } catch (CharacterCodingException e) {
            throw csrError("the CSR nonce extension value is not UTF-8 text");
        }
    }

    private static DrsError csrError(String message) {
        return DrsError.badRequest(DrsError.CERTIFICATE_REQUEST, message);
    }
}
