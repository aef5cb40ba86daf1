package org.dsreg.adapter.linux;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.Thumbprint;

/** Reads X.509 device certificates (PEM or DER) and the Microsoft extensions DRS puts in them. */
final class CertificateParser {
    /** Extension holding the device id, a GUID in .NET byte order. */
    static final String OID_DEVICE_ID = "1.2.840.113556.1.5.284.2";
    /** Extension holding the tenant id, a GUID in .NET byte order. */
    static final String OID_TENANT_ID = "1.2.840.113556.1.5.284.5";
    /** Extension holding the join type, UTF-8 text. */
    static final String OID_JOIN_TYPE = "1.2.840.113556.1.5.284.7";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");
    private static final Pattern CN = Pattern.compile("(?:^|,)\\s*CN=([^,]+)");

    private CertificateParser() {
    }

    /** Parses one certificate from PEM text or DER bytes. */
    static X509Certificate parse(byte[] pemOrDer) throws CertificateException {
        byte[] der = pemOrDer;
        String text = new String(pemOrDer, StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        if (m.find()) {
            der = Base64.getMimeDecoder().decode(m.group(1));
        }
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    }

    static CertificateInfo info(X509Certificate cert) throws CertificateException {
        byte[] der = cert.getEncoded();
        return new CertificateInfo(
                cert.getSubjectX500Principal().getName(X500Principal.RFC2253),
                cert.getIssuerX500Principal().getName(X500Principal.RFC2253),
                cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(),
                Thumbprint.ofDer(der),
                cert.getPublicKey().getEncoded(),
                der);
    }

    /** The subject's common name (DRS puts the device id there). */
    static Optional<String> subjectCommonName(X509Certificate cert) {
        Matcher m = CN.matcher(cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    static Optional<UUID> guidExtension(X509Certificate cert, String oid) {
        return extensionContent(cert, oid).filter(b -> b.length == 16).map(CertificateParser::dotNetGuid);
    }

    static JoinType joinType(X509Certificate cert) {
        return extensionContent(cert, OID_JOIN_TYPE)
                .map(b -> new String(b, StandardCharsets.UTF_8).strip())
                .map(v -> switch (v) {
                    case "0", "8" -> JoinType.JOINED;
                    case "4" -> JoinType.REGISTERED;
                    default -> JoinType.UNKNOWN;
                })
                .orElse(JoinType.UNKNOWN);
    }

    /**
     * The bytes an extension carries. {@code getExtensionValue} returns the DER OCTET STRING of
     * extnValue; issuers put either the raw value or a further DER OCTET STRING inside it. Both are
     * accepted.
     */
    static Optional<byte[]> extensionContent(X509Certificate cert, String oid) {
        byte[] outer = cert.getExtensionValue(oid);
        if (outer == null) {
            return Optional.empty();
        }
        byte[] value = unwrapOctetString(outer);
        if (value == null) {
            return Optional.empty();
        }
        byte[] inner = unwrapOctetString(value);
        return Optional.of(inner != null ? inner : value);
    }

    /** The contents of a DER OCTET STRING that spans all of {@code der}, or null. */
    private static byte[] unwrapOctetString(byte[] der) {
        if (der.length < 2 || der[0] != 0x04) {
            return null;
        }
        int len = der[1] & 0xff;
        int offset = 2;
        if (len > 0x80) {
            int n = len & 0x7f;
            if (n > 3 || der.length < 2 + n) {
                return null;
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (der[2 + i] & 0xff);
            }
            offset = 2 + n;
        } else if (len == 0x80) {
            return null;
        }
        if (offset + len != der.length) {
            return null;
        }
        byte[] out = new byte[len];
        System.arraycopy(der, offset, out, 0, len);
        return out;
    }

    /** A GUID in .NET (mixed-endian) byte order: Data1, Data2, Data3 little-endian, Data4 as is. */
    static UUID dotNetGuid(byte[] b) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long d1 = le.getInt(0) & 0xffffffffL;
        long d2 = le.getShort(4) & 0xffffL;
        long d3 = le.getShort(6) & 0xffffL;
        long msb = (d1 << 32) | (d2 << 16) | d3;
        long lsb = new BigInteger(1, java.util.Arrays.copyOfRange(b, 8, 16)).longValue();
        return new UUID(msb, lsb);
    }
}
