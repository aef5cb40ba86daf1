package org.dsreg.adapter.drs;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.mockwebserver.MockWebServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.dsreg.testkit.TestCertificates;

/** A self-signed TLS identity for 127.0.0.1, its PEM for {@code --trust-ca}, and a MockWebServer using it. */
final class LoopbackTls {
    final X509Certificate certificate;
    final SSLContext serverContext;
    /** The same identity, asking clients for a certificate and taking any (the test looks at what came). */
    final SSLContext clientCertificateContext;

    LoopbackTls() throws Exception {
        KeyPair key = TestCertificates.rsaKeyPair();
        X500Name name = new X500Name("CN=127.0.0.1");
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plusSeconds(3600)), name, key.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        certificate = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key.getPrivate(), new char[0], new X509Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        clientCertificateContext = SSLContext.getInstance("TLS");
        clientCertificateContext.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {new AnyClient()}, null);
    }

    /** Takes any client certificate. */
    private static final class AnyClient implements javax.net.ssl.X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws
                java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a server only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** A server that asks for a client certificate in the handshake. */
    MockWebServer serverAskingForClientCertificates() throws Exception {
        MockWebServer server = new MockWebServer();
        server.useHttps(clientCertificateContext.getSocketFactory(), false);
        server.requestClientAuth();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        return server;
    }

    Path writePem(Path dir) throws Exception {
        return Files.writeString(dir.resolve("loopback-ca.pem"), TestCertificates.pem(certificate));
    }

    MockWebServer server() throws Exception {
        MockWebServer server = new MockWebServer();
        server.useHttps(serverContext.getSocketFactory(), false);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        return server;
    }
}
