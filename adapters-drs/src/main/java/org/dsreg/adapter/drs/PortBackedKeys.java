package org.dsreg.adapter.drs;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.SignatureScheme;

/**
 * Private keys whose operations go through the {@link KeyStorage} port, so that any backend (a
 * key file, a TPM) can authenticate TLS: a {@link PrivateKey} handle holding no key material, a
 * JCA provider whose signatures call the port, and a key manager offering the device certificate.
 */
final class PortBackedKeys {
    static final String PROVIDER_NAME = "dsreg-key-storage";
    private static final Provider PROVIDER = new PortProvider();

    private PortBackedKeys() {
    }

    /** Registers the provider once. JCA picks it only for {@link Handle} keys, which no other provider takes. */
    static synchronized void install() {
        if (Security.getProvider(PROVIDER_NAME) == null) {
            Security.addProvider(PROVIDER);
        }
    }

    /** A private key that lives in a key storage: a reference, never the key itself. */
    static final class Handle implements PrivateKey, RSAKey {
        private static final long serialVersionUID = 1L;
        private final transient KeyStorage storage;
        private final String alias;
        private final BigInteger modulus;

        Handle(KeyStorage storage, String alias, RSAPublicKey publicKey) {
            this.storage = storage;
            this.alias = alias;
            this.modulus = publicKey.getModulus();
        }

        byte[] sign(SignatureScheme scheme, byte[] data) {
            return storage.sign(alias, scheme, data);
        }

        @Override
        public String getAlgorithm() {
            return "RSA";
        }

        @Override
        public String getFormat() {
            return null; // not exportable
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }

        @Override
        public BigInteger getModulus() {
            return modulus;
        }

        @Override
        public String toString() {
            return "key-storage key " + storage.name() + ":" + alias;
        }
    }

    /** Offers the one device certificate and its port-backed key for TLS client authentication. */
    static final class DeviceKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "device";
        private final X509Certificate certificate;
        private final Handle key;

        DeviceKeyManager(X509Certificate certificate, Handle key) {
            this.certificate = certificate;
            this.key = key;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return keyTypes == null || List.of(keyTypes).contains("RSA") || List.of(keyTypes).contains("RSASSA-PSS")
                    ? ALIAS : null;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return chooseClientAlias(keyTypes, issuers, null);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /** The JCA provider: SHA256withRSA and RSASSA-PSS (SHA-256) over {@link Handle} keys. */
    private static final class PortProvider extends Provider {
        private static final long serialVersionUID = 1L;

        PortProvider() {
            super(PROVIDER_NAME, "1.0", "dsreg: signatures through the key-storage port");
            for (SignatureScheme scheme : SignatureScheme.values()) {
                putService(new SignatureService(this, scheme.jcaAlgorithm(), scheme));
            }
        }
    }

    private static final class SignatureService extends Provider.Service {
        private final SignatureScheme scheme;

        SignatureService(Provider provider, String algorithm, SignatureScheme scheme) {
            super(provider, "Signature", algorithm, PortSignature.class.getName(), List.of(),
                    Map.of("SupportedKeyClasses", Handle.class.getName()));
            this.scheme = scheme;
        }

        @Override
        public boolean supportsParameter(Object parameter) {
            return parameter instanceof Handle;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return new PortSignature(scheme);
        }
    }

    /** Collects the message and has the key storage sign it. Verification is not offered. */
    private static final class PortSignature extends SignatureSpi {
        private final SignatureScheme scheme;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private Handle key;

        PortSignature(SignatureScheme scheme) {
            this.scheme = scheme;
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            if (!(privateKey instanceof Handle h)) {
                throw new InvalidKeyException("not a key-storage key");
            }
            key = h;
            data.reset();
        }

        @Override
        protected void engineUpdate(byte b) {
            data.write(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            data.write(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            try {
                return key.sign(scheme, data.toByteArray());
            } catch (KeyStorageException e) {
                throw new SignatureException(e.getMessage(), e);
            } finally {
                data.reset();
            }
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
            if (!scheme.accepts(params)) {
                throw new InvalidAlgorithmParameterException(scheme == SignatureScheme.RSA_PSS_SHA256
                        ? "only RSASSA-PSS with SHA-256, MGF1-SHA-256, salt 32" : "no parameters for " + scheme);
            }
        }

        @Override
        protected AlgorithmParameters engineGetParameters() {
            return null;
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("key-storage signatures are for signing only");
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            throw new SignatureException("not for verification");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("not supported");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("not supported");
        }
    }
}
