package org.dsreg.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One registration of this device with one tenant: the device identity, its certificate, and
 * references to the keys that back it. A machine may hold registrations with several tenants.
 */
public record Registration(
        TenantId tenantId,
        DeviceId deviceId,
        JoinType joinType,
        CertificateInfo certificate,
        KeyRef deviceKey,
        Optional<KeyRef> transportKey,
        TenantDetails tenantDetails,
        Optional<Instant> registeredAt,
        RegistrationSource source) {

    public Registration {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(joinType, "joinType");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(deviceKey, "deviceKey");
        Objects.requireNonNull(transportKey, "transportKey");
        Objects.requireNonNull(tenantDetails, "tenantDetails");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(source, "source");
        if (!tenantDetails.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("tenant details are for " + tenantDetails.tenantId()
                    + ", not for " + tenantId);
        }
    }
}
