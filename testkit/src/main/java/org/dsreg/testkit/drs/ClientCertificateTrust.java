package org.dsreg.testkit.drs;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server side of TLS client authentication: accepts client certificates signed by the emulator CA and still
 * valid, as DRS accepts the device certificates it issued (ROADtools' delete_device authenticates with nothing
 * else). Asked for, not required, in the handshake: the endpoints that need a device say so with a 401.
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {
    private final X509Certificate ca;

    ClientCertificateTrust(X509Certificate ca) {
        this.ca = ca;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
            throws java.security.cert.CertificateException {
        if (chain == null || chain.length == 0) {
            throw new java.security.cert.CertificateException("no client certificate");
        }
        try {
            chain[0].verify(ca.getPublicKey());
            chain[0].checkValidity();
        } catch (GeneralSecurityException e) {
            throw new java.security.cert.CertificateException(
                    "the client certificate is not issued by the DRS emulator CA: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
            throws java.security.cert.CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws java.security.cert.CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
            throws java.security.cert.CertificateException {
        throw new java.security.cert.CertificateException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
            throws java.security.cert.CertificateException {
        throw new java.security.cert.CertificateException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws java.security.cert.CertificateException {
        throw new java.security.cert.CertificateException("server side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {ca};
    }
}
