package org.dsreg.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The facts of a device certificate that status and checks need. The DER encoding is kept so
 * that the registration can be stored and the certificate presented again; the public key is
 * kept as its SubjectPublicKeyInfo DER encoding so that it can be compared with a stored key.
 */
public record CertificateInfo(
        String subject,
        String issuer,
        String serialNumberHex,
        Instant notBefore,
        Instant notAfter,
        Thumbprint thumbprint,
        byte[] publicKeyInfo,
        byte[] der) {

    public CertificateInfo {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serialNumberHex, "serialNumberHex");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(thumbprint, "thumbprint");
        publicKeyInfo = publicKeyInfo.clone();
        der = der.clone();
        if (!thumbprint.equals(Thumbprint.ofDer(der))) {
            throw new IllegalArgumentException("thumbprint does not match the certificate's DER encoding");
        }
    }

    @Override
    public byte[] publicKeyInfo() {
        return publicKeyInfo.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** Whether the certificate is valid, not yet valid or expired at the given instant. */
    public CertificateValidity validityAt(Instant now) {
        if (now.isBefore(notBefore)) {
            return CertificateValidity.NOT_YET_VALID;
        }
        if (now.isAfter(notAfter)) {
            return CertificateValidity.EXPIRED;
        }
        return CertificateValidity.VALID;
    }

    /** Time left until expiry (negative once expired). */
    public Duration timeToExpiry(Instant now) {
        return Duration.between(now, notAfter);
    }

    /** Whether this certificate certifies the given public key (SubjectPublicKeyInfo DER). */
    public boolean certifiesKey(byte[] otherPublicKeyInfo) {
        return Arrays.equals(publicKeyInfo, otherPublicKeyInfo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateInfo c && Arrays.equals(der, c.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "CertificateInfo[subject=" + subject + ", thumbprint=" + thumbprint + ", notAfter=" + notAfter + "]";
    }
}
