package org.dsreg.adapter.drs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.SignatureScheme;

/** A BouncyCastle content signer whose signature (RSASSA-PKCS1-v1_5, SHA-256) comes from the key-storage port. */
final class PortSigner implements ContentSigner {
    private static final SignatureScheme SCHEME = SignatureScheme.RSA_PKCS1_SHA256;
    private final KeyStorage storage;
    private final String alias;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    PortSigner(KeyStorage storage, String alias) {
        this.storage = storage;
        this.alias = alias;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return new DefaultSignatureAlgorithmIdentifierFinder().find(SCHEME.jcaAlgorithm());
    }

    @Override
    public OutputStream getOutputStream() {
        return data;
    }

    @Override
    public byte[] getSignature() {
        return storage.sign(alias, SCHEME, data.toByteArray());
    }
}
