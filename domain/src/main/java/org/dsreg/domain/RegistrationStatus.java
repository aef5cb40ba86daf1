package org.dsreg.domain;

import java.util.Objects;

/** A registration as status reports it: with what was found of its key, its certificate and dsreg's PRTs for it. */
public record RegistrationStatus(Registration registration, KeyStatus deviceKey,
                                 CertificateValidity certificateValidity, PrtRecords prts) {
    public RegistrationStatus {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(deviceKey, "deviceKey");
        Objects.requireNonNull(certificateValidity, "certificateValidity");
        Objects.requireNonNull(prts, "prts");
    }

    /** A registration whose PRTs dsreg does not keep (the Microsoft broker's). */
    public RegistrationStatus(Registration registration, KeyStatus deviceKey, CertificateValidity certificateValidity) {
        this(registration, deviceKey, certificateValidity, new PrtRecords.NotKept());
    }

    public boolean tpmProtected() {
        return deviceKey instanceof KeyStatus.Present p && p.protection().hardwareBacked();
    }
}
