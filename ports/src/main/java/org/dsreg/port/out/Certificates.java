package org.dsreg.port.out;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.JoinType;

/** Reads a device certificate and the Microsoft extensions in it. */
public interface Certificates {
    /** @throws org.dsreg.domain.DsregException when the bytes are not a certificate */
    Parsed parse(byte[] der);

    /** A certificate's facts, its subject CN, and the device id, tenant id and join type DRS put in it. */
    record Parsed(CertificateInfo info, Optional<String> commonName, Optional<UUID> deviceIdExtension,
                  Optional<UUID> tenantIdExtension, JoinType joinType) {
        public Parsed {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(commonName, "commonName");
            Objects.requireNonNull(deviceIdExtension, "deviceIdExtension");
            Objects.requireNonNull(tenantIdExtension, "tenantIdExtension");
            Objects.requireNonNull(joinType, "joinType");
        }
    }
}
