package org.dsreg.adapter.drs;

import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import javax.net.ssl.KeyManager;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.domain.Remedy;

/**
 * The device's TLS client identity: its certificate and the key-storage key that goes with it,
 * checked to belong together before any request (a key that is not the certificate's would only
 * make the handshake fail with a transport error that explains nothing).
 */
final class DeviceTls {
    private final X509Certificate certificate;
    private final PortBackedKeys.Handle key;

    private DeviceTls(X509Certificate certificate, PortBackedKeys.Handle key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** The device's identity, or a failure (exit 5: no usable device credential) saying what is wrong. */
    static DeviceTls of(CertificateInfo info, KeyStorage storage, String alias) {
        String name = storage.name() + ":" + alias;
        PublicKey key = storage.publicKey(alias).orElseThrow(() -> new DsregException(ErrorKind.DRS_TOKEN_REQUIRED,
                "the device key " + name + " is missing; DRS cannot be asked without it"));
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the device key " + name + " is not an RSA key");
        }
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(info.der()));
        } catch (CertificateException | ClassCastException e) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the stored device certificate is unreadable", e);
        }
        if (!matches(rsa, cert.getPublicKey())) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the device key " + name
                    + " does not match the device certificate (its public key is not the certificate's);"
                    + " DRS cannot be asked with it", new Remedy.ShowStatus("(Key Matches Certificate)"), null);
        }
        PortBackedKeys.install();
        return new DeviceTls(cert, new PortBackedKeys.Handle(storage, alias, rsa));
    }

    static boolean matches(RSAPublicKey key, PublicKey certificateKey) {
        return certificateKey instanceof RSAPublicKey c && c.getModulus().equals(key.getModulus())
                && c.getPublicExponent().equals(key.getPublicExponent());
    }

    KeyManager keyManager() {
        return new PortBackedKeys.DeviceKeyManager(certificate, key);
    }

    /** Whether the TLS handshake that carried an answer presented this device certificate. */
    boolean presentedIn(List<Certificate> localCertificates) {
        return !localCertificates.isEmpty() && certificate.equals(localCertificates.get(0));
    }
}
