package org.dsreg.port.in;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.TenantId;

/**
 * Join (or register) this device with a tenant named by id or verified domain, with keys in the
 * named key storage.
 */
public record JoinDeviceCommand(String tenant, JoinType joinType, Optional<String> deviceName,
                                TokenSourceSpec tokenSource, String keyStorage) {
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    public JoinDeviceCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(joinType, "joinType");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(tokenSource, "tokenSource");
        Objects.requireNonNull(keyStorage, "keyStorage");
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
    }
}
