package org.dsreg.port.out;

import java.util.Objects;
import java.util.Optional;

/** What DRS answered to a join, unverified: the certificate (DER), the thumbprint it claims, the user. */
public record JoinReply(byte[] certificateDer, String claimedThumbprint, Optional<String> upn) {
    public JoinReply {
        certificateDer = certificateDer.clone();
        Objects.requireNonNull(claimedThumbprint, "claimedThumbprint");
        Objects.requireNonNull(upn, "upn");
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }
}
