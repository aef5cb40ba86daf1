package org.dsreg.adapter.drs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;

/**
 * TLS for DRS: the system's trusted CAs, plus the CAs of one PEM file when the user names it
 * ({@code --trust-ca}). Certificates and host names are always verified.
 */
final class Tls {
    private final X509TrustManager trust;

    private Tls(X509TrustManager trust) {
        this.trust = trust;
    }

    static Tls of(Optional<Path> extraCa) {
        try {
            List<X509TrustManager> managers = new ArrayList<>();
            managers.add(trustManager(null)); // the JDK's cacerts
            if (extraCa.isPresent()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate ca : readPem(extraCa.get())) {
                    store.setCertificateEntry("extra-" + i++, ca);
                }
                managers.add(trustManager(store));
            }
            return new Tls(new AnyOf(managers));
        } catch (GeneralSecurityException | IOException e) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "cannot set up TLS with the system's trusted CAs", e);
        }
    }

    X509TrustManager trustManager() {
        return trust;
    }

    SSLContext context(KeyManager keyManager) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManager == null ? null : new KeyManager[] {keyManager}, new TrustManager[] {trust}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The most a CA file may hold: a bundle of every public CA is about 200 KB. */
    static final int MAX_CA_FILE = 4 * 1024 * 1024;

    static List<X509Certificate> readPem(Path file) {
        if (Files.isDirectory(file)) {
            throw new DsregException(ErrorKind.INVALID_ARGUMENTS, "the CA file " + file + " is a directory");
        }
        byte[] pem;
        try (InputStream in = Files.newInputStream(file)) {
            pem = in.readNBytes(MAX_CA_FILE + 1);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DsregException(ErrorKind.INVALID_ARGUMENTS, "there is no CA file " + file);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new DsregException(ErrorKind.INVALID_ARGUMENTS, "cannot read the CA file " + file
                    + ": permission denied");
        } catch (IOException e) {
            throw new DsregException(ErrorKind.INVALID_ARGUMENTS, "cannot read the CA file " + file + ": "
                    + (e.getMessage() == null ? "input/output error" : e.getMessage()));
        }
        if (pem.length > MAX_CA_FILE) {
            throw new DsregException(ErrorKind.INVALID_ARGUMENTS, "the CA file " + file + " is too large (more than "
                    + MAX_CA_FILE / (1024 * 1024) + " MiB)");
        }
        List<X509Certificate> out = new ArrayList<>();
        try {
            Collection<? extends java.security.cert.Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(new java.io.ByteArrayInputStream(pem));
            certs.forEach(c -> out.add((X509Certificate) c));
        } catch (CertificateException | ClassCastException e) {
            // the parser's own words name its classes: ours say enough
            throw new DsregException(ErrorKind.INVALID_ARGUMENTS, "the CA file " + file
                    + " holds no readable PEM certificate", e);
        }
        if (out.isEmpty()) {
            throw new DsregException(ErrorKind.INVALID_ARGUMENTS, "the CA file " + file + " holds no PEM certificate");
        }
        return out;
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        return Arrays.stream(f.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                .map(X509TrustManager.class::cast).findFirst()
                .orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
    }

    /** Trusts a chain when any of its trust managers does. */
    private static final class AnyOf implements X509TrustManager {
        private final List<X509TrustManager> managers;

        AnyOf(List<X509TrustManager> managers) {
            this.managers = List.copyOf(managers);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("dsreg does not accept client connections");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException last = null;
            for (X509TrustManager m : managers) {
                try {
                    m.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    last = e;
                }
            }
            throw last != null ? last : new CertificateException("no trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(m -> Arrays.stream(m.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
