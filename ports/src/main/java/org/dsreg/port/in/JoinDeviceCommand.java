package org.dsreg.port.in;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.TenantRef;

/**
 * Join (or register) this device with a tenant named by id or verified domain, with keys in the
 * named key storage, as a device of one user (exclusive, the default) or a shared one (a join only).
 */
public record JoinDeviceCommand(String tenant, JoinType joinType, Optional<String> deviceName,
                                TokenSourceSpec tokenSource, String keyStorage, DeviceMode deviceMode) {
    public JoinDeviceCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(joinType, "joinType");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(tokenSource, "tokenSource");
        Objects.requireNonNull(keyStorage, "keyStorage");
        Objects.requireNonNull(deviceMode, "deviceMode");
        tenant = TenantRef.parse(tenant).text();
        if (tokenSource instanceof TokenSourceSpec.RefreshTokenFile) {
            throw DsregException.invalidArgument("a join's DRS token comes from the broker, the device code sign-in"
                    + " or an access token file; a refresh token file is a PRT's first sign-in");
        }
        if (joinType == JoinType.UNKNOWN) {
            throw DsregException.invalidArgument("the join type must be join or register");
        }
        if (deviceName.isPresent() && (deviceName.get().isBlank() || deviceName.get().length() > 256
                || deviceName.get().chars().anyMatch(Character::isISOControl))) {
            throw DsregException.invalidArgument("the device name must be 1 to 256 printable characters");
        }
        if (!deviceMode.allows(joinType)) {
            throw DsregException.invalidArgument("a shared device is an Entra join: device mode shared does not go"
                    + " with join type register");
        }
    }

    /** The tenant, by id or by domain. */
    public TenantRef tenantRef() {
        return TenantRef.parse(tenant);
    }

    /** An exclusive device (one user's), the default. */
    public JoinDeviceCommand(String tenant, JoinType joinType, Optional<String> deviceName,
                             TokenSourceSpec tokenSource, String keyStorage) {
        this(tenant, joinType, deviceName, tokenSource, keyStorage, DeviceMode.EXCLUSIVE);
    }
}
