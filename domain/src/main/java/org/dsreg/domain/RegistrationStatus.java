package org.dsreg.domain;

import java.util.Objects;

/** A registration as status reports it: with what was found of its key and certificate. */
public record RegistrationStatus(Registration registration, KeyStatus deviceKey,
                                 CertificateValidity certificateValidity) {
    public RegistrationStatus {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(deviceKey, "deviceKey");
        Objects.requireNonNull(certificateValidity, "certificateValidity");
    }

    public boolean tpmProtected() {
        return deviceKey instanceof KeyStatus.Present p && p.protection().hardwareBacked();
    }
}
