package org.dsreg.port.out;

import java.security.PublicKey;
import java.util.Objects;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.JoinType;

/**
 * The body of a DRS join: the CSR (DER), the transport key, and the device's description; a
 * {@link DeviceMode#SHARED} join asks DRS for a shared device.
 */
public record JoinRequest(byte[] csrDer, PublicKey transportKey, String targetDomain, String deviceType,
                          String osVersion, String displayName, JoinType joinType, DeviceMode deviceMode) {
    public JoinRequest {
        csrDer = csrDer.clone();
        Objects.requireNonNull(transportKey, "transportKey");
        Objects.requireNonNull(targetDomain, "targetDomain");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(osVersion, "osVersion");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(joinType, "joinType");
        if (joinType == JoinType.UNKNOWN) {
            throw new IllegalArgumentException("a join asks for JOINED or REGISTERED");
        }
        Objects.requireNonNull(deviceMode, "deviceMode");
        if (!deviceMode.allows(joinType)) {
            throw new IllegalArgumentException("a shared device is an Entra join, not " + joinType);
        }
    }

    /** Whether DRS is asked for a shared device. */
    public boolean shared() {
        return deviceMode == DeviceMode.SHARED;
    }

    @Override
    public byte[] csrDer() {
        return csrDer.clone();
    }
}
