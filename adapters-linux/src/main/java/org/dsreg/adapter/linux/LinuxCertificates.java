package org.dsreg.adapter.linux;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.inject.Inject;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.port.out.Certificates;

/** Device certificates read with the JDK, and the Microsoft extensions in them. */
final class LinuxCertificates implements Certificates {
    @Inject
    LinuxCertificates() {
    }

    @Override
    public Parsed parse(byte[] der) {
        try {
            X509Certificate cert = CertificateParser.parse(der);
            return new Parsed(CertificateParser.info(cert), CertificateParser.subjectCommonName(cert),
                    CertificateParser.guidExtension(cert, CertificateParser.OID_DEVICE_ID),
                    CertificateParser.guidExtension(cert, CertificateParser.OID_TENANT_ID),
                    CertificateParser.joinType(cert));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "not an X.509 certificate: " + e.getMessage(), e);
        }
    }
}
