package org.dsreg.testkit.drs;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A join request body (MS-DRS 2.1.1.1.1) validated as strictly as the emulator documents: exact member names and
 * JSON types, the CSR's key, signature algorithm, signature and subject, the TransportKey blob layout.
 *
 * @param publicKey    the CSR's RSA public key
 * @param nonce        the nonce carried in the CSR's nonce extension, or {@code null}
 * @param transportKey the decoded BCRYPT_RSAKEY_BLOB
 * @param targetDomain TargetDomain
 * @param deviceType   DeviceType
 * @param osVersion    OSVersion
 * @param displayName  DeviceDisplayName
 * @param joinType     JoinType
 */
record JoinRequest(RSAPublicKey publicKey, String nonce, byte[] transportKey, String targetDomain,
                   String deviceType, String osVersion, String displayName, int joinType) {

    static final String CSR_SUBJECT_CN = DrsEmulator.CSR_SUBJECT_CN;
    static final ASN1ObjectIdentifier NONCE_OID = new ASN1ObjectIdentifier(DrsEmulator.OID_NONCE);

    private static final Set<String> TOP_LEVEL = Set.of("CertificateRequest", "TransportKey", "TargetDomain",
            "DeviceType", "OSVersion", "DeviceDisplayName", "JoinType", "AikCertificate", "AttestationData",
            "Attributes", "PreAuthorizedJoinChallenge");
    private static final Set<String> ATTRIBUTES = Set.of("ReuseDevice", "SharedDevice", "ReturnClientSid");
    private static final Set<Integer> JOIN_TYPES = Set.of(0, 4, 6, 8);
    private static final BigInteger F4 = BigInteger.valueOf(65537);
    private static final byte[] RSA1 = {0x52, 0x53, 0x41, 0x31};
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Parses and validates a join request body.
     *
     * @param body the request body
     * @return the validated request
     * @throws DrsError a 400 naming the first problem found
     */
    static JoinRequest parse(byte[] body) throws DrsError {
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DrsError.badRequest(DrsError.MESSAGE_FORMAT, "the request body is not valid JSON: "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw DrsError.badRequest(DrsError.MESSAGE_FORMAT, "the request body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw DrsError.badRequest(DrsError.MESSAGE_FORMAT, "the request body must be a JSON object");
        }
        rejectUnknown(root, TOP_LEVEL, "");

        JsonNode certificateRequest = required(root, "CertificateRequest");
        if (!certificateRequest.isObject()) {
            throw type("CertificateRequest", "an object", certificateRequest);
        }
        rejectUnknown(certificateRequest, Set.of("Type", "Data"), "CertificateRequest.");
        String csrType = string(certificateRequest, "Type", "CertificateRequest.Type");
        if (!"pkcs10".equals(csrType)) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER,
                    "CertificateRequest.Type must be \"pkcs10\", was \"" + csrType + "\"");
        }
        byte[] csrDer = base64(string(certificateRequest, "Data", "CertificateRequest.Data"), "CertificateRequest.Data");
        byte[] transportKey = base64(string(root, "TransportKey", "TransportKey"), "TransportKey");
        String targetDomain = string(root, "TargetDomain", "TargetDomain");
        String deviceType = string(root, "DeviceType", "DeviceType");
        String osVersion = string(root, "OSVersion", "OSVersion");
        String displayName = string(root, "DeviceDisplayName", "DeviceDisplayName");
        JsonNode joinTypeNode = required(root, "JoinType");
        if (!joinTypeNode.isIntegralNumber() || !joinTypeNode.canConvertToInt()) {
            throw type("JoinType", "an integer number", joinTypeNode);
        }
        int joinType = joinTypeNode.intValue();
        if (!JOIN_TYPES.contains(joinType)) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER,
                    "JoinType must be 0, 4, 6 or 8, was " + joinType);
        }
        for (String optional : new String[] {"AikCertificate", "AttestationData"}) {
            JsonNode n = root.get(optional);
            if (n != null && !n.isTextual()) {
                throw type(optional, "a string", n);
            }
        }
        JsonNode attributes = root.get("Attributes");
        if (attributes != null) {
            if (!attributes.isObject()) {
                throw type("Attributes", "an object", attributes);
            }
            rejectUnknown(attributes, ATTRIBUTES, "Attributes.");
            for (Iterator<String> it = attributes.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                JsonNode value = attributes.get(name);
                boolean flagAsText = name.equals("SharedDevice") && value.isTextual()
                        && Set.of("true", "false").contains(value.textValue()); // as real clients send it
                if (!value.isBoolean() && !flagAsText) {
                    throw type("Attributes." + name, "a boolean", attributes.get(name));
                }
            }
        }
        if (root.has("PreAuthorizedJoinChallenge")) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER, "PreAuthorizedJoinChallenge must be sent to the"
                    + " PrecreateEndpoint, which this emulator does not implement");
        }

        Csr csr = csr(csrDer);
        checkTransportKey(transportKey);
        return new JoinRequest(csr.key, csr.nonce, transportKey, targetDomain, deviceType, osVersion, displayName,
                joinType);
    }

    /** The CSR's public key if the body holds a parseable CSR, else {@code null}; no validation. */
    static RSAPublicKey lenientPublicKey(byte[] body) {
        try {
            JsonNode data = new ObjectMapper().readTree(body).path("CertificateRequest").path("Data");
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Base64.getDecoder().decode(data.asText()));
            return rsaKey(csr);
        } catch (IOException | RuntimeException | GeneralSecurityException e) {
            return null;
        }
    }

    private record Csr(RSAPublicKey key, String nonce) {
    }

    private static Csr csr(byte[] der) throws DrsError {
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
        return new Csr(key, nonce(csr));
    }

    private static RSAPublicKey rsaKey(PKCS10CertificationRequest csr) throws GeneralSecurityException, IOException {
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

    /** BCRYPT_RSAKEY_BLOB, public part only: 24-byte header, exponent, modulus, nothing else. */
    private static void checkTransportKey(byte[] blob) throws DrsError {
        if (blob.length < 24) {
            throw keyError("is " + blob.length + " bytes, shorter than the 24-byte BCRYPT_RSAKEY_BLOB header");
        }
        if (!Arrays.equals(blob, 0, 4, RSA1, 0, 4)) {
            throw keyError("must start with the magic \"RSA1\" (52 53 41 31), was "
                    + String.format("%02x %02x %02x %02x", blob[0], blob[1], blob[2], blob[3]));
        }
        ByteBuffer header = ByteBuffer.wrap(blob, 4, 20).order(ByteOrder.LITTLE_ENDIAN);
        long bitLength = Integer.toUnsignedLong(header.getInt());
        long cbExp = Integer.toUnsignedLong(header.getInt());
        long cbModulus = Integer.toUnsignedLong(header.getInt());
        long cbPrime1 = Integer.toUnsignedLong(header.getInt());
        long cbPrime2 = Integer.toUnsignedLong(header.getInt());
        if (bitLength != 2048) {
            throw keyError("BitLength must be 2048, was " + bitLength);
        }
        if (cbModulus != 256) {
            throw keyError("cbModulus must be 256, was " + cbModulus);
        }
        if (cbPrime1 != 0 || cbPrime2 != 0) {
            throw keyError("cbPrime1 and cbPrime2 must be 0 (public key only), were " + cbPrime1 + " and " + cbPrime2);
        }
        if (cbExp == 0 || cbExp > 8) {
            throw keyError("cbPublicExp must be 1 to 8, was " + cbExp);
        }
        long expected = 24 + cbExp + cbModulus;
        if (blob.length != expected) {
            throw keyError("is " + blob.length + " bytes, but its header announces " + expected
                    + " (24 + cbPublicExp " + cbExp + " + cbModulus " + cbModulus + ")");
        }
        if (blob[24] == 0) {
            throw keyError("exponent has a leading zero byte (it must be big-endian, minimal)");
        }
        BigInteger exponent = new BigInteger(1, Arrays.copyOfRange(blob, 24, 24 + (int) cbExp));
        if (!F4.equals(exponent)) {
            throw keyError("exponent must be 65537 (01 00 01, big-endian), was " + exponent);
        }
        BigInteger modulus = new BigInteger(1, Arrays.copyOfRange(blob, 24 + (int) cbExp, blob.length));
        if (modulus.bitLength() != 2048) {
            throw keyError("modulus is " + modulus.bitLength() + "-bit (big-endian), BitLength says 2048");
        }
        if (!modulus.testBit(0)) {
            throw keyError("modulus is even: not an RSA modulus (byte order?)");
        }
    }

    private static JsonNode required(JsonNode object, String name) throws DrsError {
        JsonNode n = object.get(name);
        if (n == null || n.isNull()) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER, name + " is required");
        }
        return n;
    }

    private static String string(JsonNode object, String name, String path) throws DrsError {
        JsonNode n = object.get(name);
        if (n == null || n.isNull()) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER, path + " is required");
        }
        if (!n.isTextual()) {
            throw type(path, "a string", n);
        }
        if (n.asText().isBlank()) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER, path + " must not be empty");
        }
        return n.asText();
    }

    private static byte[] base64(String value, String path) throws DrsError {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER,
                    path + " is not standard base64 (RFC 4648 section 4, no line breaks): " + e.getMessage());
        }
    }

    private static void rejectUnknown(JsonNode object, Set<String> known, String prefix) throws DrsError {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw DrsError.badRequest(DrsError.INVALID_PARAMETER, "unknown member " + prefix + name
                        + " (member names are case-sensitive)");
            }
        }
    }

    private static DrsError type(String path, String expected, JsonNode actual) {
        return DrsError.badRequest(DrsError.INVALID_PARAMETER,
                path + " must be " + expected + ", was JSON " + actual.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static DrsError csrError(String message) {
        return DrsError.badRequest(DrsError.CERTIFICATE_REQUEST, message);
    }

    private static DrsError keyError(String message) {
        return DrsError.badRequest(DrsError.INVALID_PARAMETER, "TransportKey " + message);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
