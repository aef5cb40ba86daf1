package org.dsreg.adapter.linux;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.BrokerRegistrations;

/**
 * The device registration of the Microsoft identity broker, read from its certificate directory
 * ({@code /etc/microsoft/identity-broker/certs}, files {@code drs_*}, PEM or DER; the format is not
 * documented, so both are accepted). Nothing here is written.
 */
final class MicrosoftBrokerCertificates implements BrokerRegistrations {
    static final String CERT_DIR = "/etc/microsoft/identity-broker/certs";
    /** The key storage name under which the broker's own keys are referred to. */
    static final String BROKER_KEY_STORAGE = "microsoft-identity-broker";

    private final LinuxPaths paths;

    @Inject
    MicrosoftBrokerCertificates(LinuxPaths paths) {
        this.paths = paths;
    }

    @Override
    public Found read() {
        Path dir = paths.system(CERT_DIR);
        if (!Files.isDirectory(dir)) {
            return new Found(List.of(), List.of());
        }
        List<Registration> found = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "drs_*")) {
            for (Path file : files) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // a link or a directory is not the broker's certificate
                }
                try {
                    registrationOf(file).ifPresentOrElse(found::add,
                            () -> unreadable.add(file + ": no device id and tenant id in the certificate"));
                } catch (AccessDeniedException e) {
                    unreadable.add(file + ": permission denied");
                } catch (IOException | CertificateException | DsregException e) {
                    unreadable.add(file + ": not a certificate (" + e.getMessage() + ")");
                }
            }
        } catch (AccessDeniedException e) {
            unreadable.add(dir + ": permission denied");
        } catch (IOException e) {
            unreadable.add(dir + ": " + e.getMessage());
        }
        return new Found(found, unreadable);
    }

    private Optional<Registration> registrationOf(Path file) throws IOException, CertificateException {
        byte[] bytes = SecureFiles.readNoFollow(file);
        X509Certificate cert = CertificateParser.parse(bytes);
        Optional<UUID> device = CertificateParser.guidExtension(cert, CertificateParser.OID_DEVICE_ID)
                .or(() -> CertificateParser.subjectCommonName(cert)
                        .filter(TenantId::looksLikeGuid).map(cn -> DeviceId.parse(cn).value()));
        Optional<UUID> tenant = CertificateParser.guidExtension(cert, CertificateParser.OID_TENANT_ID);
        if (device.isEmpty() || tenant.isEmpty()) {
            return Optional.empty();
        }
        TenantId tenantId = new TenantId(tenant.get());
        String alias = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return Optional.of(new Registration(tenantId, new DeviceId(device.get()), CertificateParser.joinType(cert),
                Optional.empty(), // the broker's device mode is not in its certificate
                CertificateParser.info(cert), new KeyRef(BROKER_KEY_STORAGE, alias), Optional.empty(),
                TenantDetails.onlyId(tenantId), Optional.empty(), RegistrationSource.MICROSOFT_BROKER));
    }
}
