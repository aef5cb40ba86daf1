package org.dsreg.spi.keystorage;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;

/**
 * The signatures a key storage makes with an RSA key, and their JCA names and parameters in one
 * place: a backend that signs with the JDK (or checks a signature) asks the scheme for its
 * {@link #newSignature() Signature} rather than spelling the algorithm out again.
 */
public enum SignatureScheme {
    /** RSASSA-PKCS1-v1_5 with SHA-256 (CSRs, JWTs, TLS 1.2). */
    RSA_PKCS1_SHA256("SHA256withRSA"),
    /** RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt (TLS 1.3 and TLS 1.2 rsa_pss_rsae_sha256). */
    RSA_PSS_SHA256("RSASSA-PSS");

    /** The PSS salt length, in bytes: the length of the SHA-256 hash (RFC 8446 section 4.2.3). */
    public static final int PSS_SALT_LENGTH = 32;

    private final String jcaAlgorithm;

    SignatureScheme(String jcaAlgorithm) {
        this.jcaAlgorithm = jcaAlgorithm;
    }

    /** The JCA signature algorithm: {@code SHA256withRSA} or {@code RSASSA-PSS}. */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /** The JCA parameters the algorithm needs: PSS's (SHA-256, MGF1-SHA-256, salt 32), none for PKCS#1 v1.5. */
    public Optional<AlgorithmParameterSpec> jcaParameters() {
        return this == RSA_PSS_SHA256
                ? Optional.of(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSS_SALT_LENGTH, 1))
                : Optional.empty();
    }

    /** Whether {@code spec} is exactly the parameters of this scheme (none for PKCS#1 v1.5). */
    public boolean accepts(AlgorithmParameterSpec spec) {
        if (this != RSA_PSS_SHA256) {
            return spec == null;
        }
        return spec instanceof PSSParameterSpec pss && "SHA-256".equals(pss.getDigestAlgorithm())
                && "MGF1".equalsIgnoreCase(pss.getMGFAlgorithm())
                && pss.getMGFParameters() instanceof MGF1ParameterSpec mgf && "SHA-256".equals(mgf.getDigestAlgorithm())
                && pss.getSaltLength() == PSS_SALT_LENGTH && pss.getTrailerField() == 1;
    }

    /** A JDK {@link Signature} for this scheme, its parameters set, to initialise for signing or verifying. */
    public Signature newSignature() throws GeneralSecurityException {
        Signature s = Signature.getInstance(jcaAlgorithm);
        Optional<AlgorithmParameterSpec> params = jcaParameters();
        if (params.isPresent()) {
            s.setParameter(params.get());
        }
        return s;
    }
}
