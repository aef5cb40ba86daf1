package org.dsreg.spi.keystorage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one place the schemes' JCA algorithms and parameters are spelt: checked against a verifier built by hand. */
class SignatureSchemeTest {
    static final byte[] DATA = "a TLS handshake".getBytes(StandardCharsets.UTF_8);
    static KeyPair pair;

    @BeforeAll
    static void key() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        pair = g.generateKeyPair();
    }

    static byte[] sign(SignatureScheme scheme) throws GeneralSecurityException {
        Signature s = scheme.newSignature();
        s.initSign(pair.getPrivate());
        s.update(DATA);
        return s.sign();
    }

    static boolean verify(String algorithm, PSSParameterSpec params, byte[] sig) throws GeneralSecurityException {
        Signature v = Signature.getInstance(algorithm);
        if (params != null) {
            v.setParameter(params);
        }
        v.initVerify(pair.getPublic());
        v.update(DATA);
        try {
            return v.verify(sig);
        } catch (java.security.SignatureException e) {
            return false;
        }
    }

    static PSSParameterSpec pss(int salt) {
        return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, salt, 1);
    }

    @Test
    void pkcs1IsSha256WithRsaWithoutParameters() throws GeneralSecurityException {
        assertEquals("SHA256withRSA", SignatureScheme.RSA_PKCS1_SHA256.jcaAlgorithm());
        assertEquals(Optional.empty(), SignatureScheme.RSA_PKCS1_SHA256.jcaParameters());
        assertTrue(verify("SHA256withRSA", null, sign(SignatureScheme.RSA_PKCS1_SHA256)));
    }

    @Test
    void pssIsSha256Mgf1Sha256WithA32ByteSalt() throws GeneralSecurityException {
        assertEquals("RSASSA-PSS", SignatureScheme.RSA_PSS_SHA256.jcaAlgorithm());
        byte[] sig = sign(SignatureScheme.RSA_PSS_SHA256);
        assertTrue(verify("RSASSA-PSS", pss(32), sig));
        assertFalse(verify("RSASSA-PSS", pss(20), sig), "salt 32, not the JDK's default of 20");
        assertFalse(verify("SHA256withRSA", null, sig));
    }

    @Test
    void onlyTheSchemesOwnParametersAreAccepted() {
        assertTrue(SignatureScheme.RSA_PSS_SHA256.accepts(pss(32)));
        assertFalse(SignatureScheme.RSA_PSS_SHA256.accepts(pss(20)));
        assertFalse(SignatureScheme.RSA_PSS_SHA256.accepts(null));
        assertFalse(SignatureScheme.RSA_PSS_SHA256.accepts(
                new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA1, 32, 1)));
        assertFalse(SignatureScheme.RSA_PSS_SHA256.accepts(
                new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA256, 32, 1)));
        assertTrue(SignatureScheme.RSA_PKCS1_SHA256.accepts(null));
        assertFalse(SignatureScheme.RSA_PKCS1_SHA256.accepts(pss(32)));
    }
}
