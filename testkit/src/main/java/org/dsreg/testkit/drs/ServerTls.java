package org.dsreg.testkit.drs;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.dsreg.testkit.TestCertificates;

/**
 * The emulator's TLS: a server certificate for 127.0.0.1 and {@code localhost} issued by the emulator's CA, valid
 * from an hour ago for 30 days, and client certificates trusted as {@link ClientCertificateTrust} says.
 */
final class ServerTls {

    private static final char[] STORE_PASSWORD = "drs-emulator".toCharArray();

    private ServerTls() {
    }

    /**
     * A TLS context serving a fresh server key and certificate issued by {@code ca}.
     *
     * @param ca the emulator's CA
     * @return the initialised context
     * @throws GeneralSecurityException if a key, certificate or key store cannot be made
     */
    static SSLContext context(TestCertificates ca) throws GeneralSecurityException {
        KeyPair serverKey = TestCertificates.rsaKeyPair();
        Instant now = Instant.now();
        X509Certificate serverCert = ca.tlsServerCertificate(serverKey.getPublic(), "127.0.0.1",
                List.of("localhost"), List.of("127.0.0.1"), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try {
            keyStore.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        keyStore.setKeyEntry("server", serverKey.getPrivate(), STORE_PASSWORD,
                new Certificate[] {serverCert, ca.caCertificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, STORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), new TrustManager[] {new ClientCertificateTrust(ca.caCertificate())},
                new SecureRandom());
        return tls;
    }
}
