package org.dsreg.port.out;

import java.security.PublicKey;
import java.util.Objects;
import org.dsreg.domain.JoinType;

/** The body of a DRS join: the CSR (DER), the transport key, and the device's description. */
public record JoinRequest(byte[] csrDer, PublicKey transportKey, String targetDomain, String deviceType,
                          String osVersion, String displayName, JoinType joinType) {
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
    }

    @Override
    public byte[] csrDer() {
        return csrDer.clone();
    }
}
