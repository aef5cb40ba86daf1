package org.dsreg.port.out;

/** The signatures a key storage makes with an RSA key. */
public enum SignatureScheme {
    /** RSASSA-PKCS1-v1_5 with SHA-256 (CSRs, JWTs, TLS 1.2). */
    RSA_PKCS1_SHA256,
    /** RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt (TLS 1.3 and TLS 1.2 rsa_pss_rsae_sha256). */
    RSA_PSS_SHA256
}
