package org.dsreg.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One registration of this device with one tenant: the device identity, its certificate, and
 * references to the keys that back it. A machine may hold registrations with several tenants.
 * {@code deviceMode} is known for dsreg's own registrations (it asked DRS for it) and empty for
 * the Microsoft broker's, which does not record it where dsreg can read it. {@code displayName} is the name the
 * join sent DRS (dsreg's registrations since it recorded it; a repair joins again with it when DRS cannot say).
 */
public record Registration(
        TenantId tenantId,
        DeviceId deviceId,
        JoinType joinType,
        Optional<DeviceMode> deviceMode,
        CertificateInfo certificate,
        KeyRef deviceKey,
        Optional<KeyRef> transportKey,
        TenantDetails tenantDetails,
        Optional<Instant> registeredAt,
        RegistrationSource source,
        Optional<String> displayName) {

    public Registration {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(joinType, "joinType");
        Objects.requireNonNull(deviceMode, "deviceMode");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(deviceKey, "deviceKey");
        Objects.requireNonNull(transportKey, "transportKey");
        Objects.requireNonNull(tenantDetails, "tenantDetails");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(displayName, "displayName");
        if (!tenantDetails.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("tenant details are for " + tenantDetails.tenantId()
                    + ", not for " + tenantId);
        }
        if (deviceMode.filter(m -> !m.allows(joinType)).isPresent()) {
            throw new IllegalArgumentException("a " + deviceMode.get().label().toLowerCase(java.util.Locale.ROOT)
                    + " device is an Entra join, not " + joinType);
        }
    }

    /** A registration whose display name is not known (the Microsoft broker's; dsreg's written before it kept it). */
    public Registration(TenantId tenantId, DeviceId deviceId, JoinType joinType, Optional<DeviceMode> deviceMode,
                        CertificateInfo certificate, KeyRef deviceKey, Optional<KeyRef> transportKey,
                        TenantDetails tenantDetails, Optional<Instant> registeredAt, RegistrationSource source) {
        this(tenantId, deviceId, joinType, deviceMode, certificate, deviceKey, transportKey, tenantDetails, registeredAt,
                source, Optional.empty());
    }

    /** The same registration with other tenant details (discovery refreshed them). */
    public Registration withTenantDetails(TenantDetails details) {
        return new Registration(tenantId, deviceId, joinType, deviceMode, certificate, deviceKey, transportKey, details,
                registeredAt, source, displayName);
    }
}
