package org.dsreg.embed;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.TenantRef;

/**
 * What {@link Dsreg#join} is asked to do: join (or register) this device with a tenant, named by id or verified
 * domain, with the device name DRS shows (empty: the host name), a DRS token from {@code tokenSource}, keys in
 * the key storage named {@code keyStorage}, as a device of one user or a shared one (a join only). The values
 * are checked by {@link Dsreg#join}, as the CLI checks its options: an unknown join type, a device name that is
 * blank, longer than 256 characters or holds control characters, and a shared registration are
 * {@link org.dsreg.domain.ErrorKind#INVALID_ARGUMENTS} failures.
 */
public record JoinRequest(TenantRef tenant, JoinType joinType, Optional<String> deviceName, TokenSource tokenSource,
                          String keyStorage, DeviceMode deviceMode) {
    public JoinRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(joinType, "joinType");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(tokenSource, "tokenSource");
        Objects.requireNonNull(keyStorage, "keyStorage");
        Objects.requireNonNull(deviceMode, "deviceMode");
    }

    /** An Entra join of an exclusive device with {@code tenant}: the host name, the device code flow, software keys. */
    public static JoinRequest join(TenantRef tenant) {
        return new JoinRequest(tenant, JoinType.JOINED, Optional.empty(), new TokenSource.DeviceCode(), "software",
                DeviceMode.EXCLUSIVE);
    }

    public JoinRequest withJoinType(JoinType type) {
        return new JoinRequest(tenant, type, deviceName, tokenSource, keyStorage, deviceMode);
    }

    public JoinRequest withDeviceName(String name) {
        return new JoinRequest(tenant, joinType, Optional.of(name), tokenSource, keyStorage, deviceMode);
    }

    public JoinRequest withTokenSource(TokenSource source) {
        return new JoinRequest(tenant, joinType, deviceName, source, keyStorage, deviceMode);
    }

    public JoinRequest withKeyStorage(String name) {
        return new JoinRequest(tenant, joinType, deviceName, tokenSource, name, deviceMode);
    }

    public JoinRequest withDeviceMode(DeviceMode mode) {
        return new JoinRequest(tenant, joinType, deviceName, tokenSource, keyStorage, mode);
    }
}
