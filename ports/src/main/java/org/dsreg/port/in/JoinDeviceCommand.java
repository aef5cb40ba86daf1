package org.dsreg.port.in;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.TenantId;

/**
 * Join (or register) this device with a tenant named by id or verified domain, with keys in the
 * named key storage, as a device of one user (exclusive, the default) or a shared one (a join only).
 */
public record JoinDeviceCommand(String tenant, JoinType joinType, Optional<String> deviceName,
                                TokenSourceSpec tokenSource, String keyStorage, DeviceMode deviceMode) {
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    public JoinDeviceCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(joinType, "joinType");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(tokenSource, "tokenSource");
        Objects.requireNonNull(keyStorage, "keyStorage");
        Objects.requireNonNull(deviceMode, "deviceMode");
        if (TenantId.looksLikeGuid(tenant)) {
            tenant = TenantId.parse(tenant).toString();
        } else if (!DOMAIN.matcher(tenant).matches()) {
            throw DsregException.invalidArgument("'" + tenant.replaceAll("\\p{Cntrl}", "?")
                    + "' is neither a tenant id (GUID) nor a domain name");
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

    /** An exclusive device (one user's), the default. */
    public JoinDeviceCommand(String tenant, JoinType joinType, Optional<String> deviceName,
                             TokenSourceSpec tokenSource, String keyStorage) {
        this(tenant, joinType, deviceName, tokenSource, keyStorage, DeviceMode.EXCLUSIVE);
    }
}
