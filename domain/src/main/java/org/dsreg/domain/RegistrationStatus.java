package org.dsreg.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A registration as status reports it: with what was found of its key, its certificate and dsreg's PRTs for it, and
 * a replacement of it that did not finish ({@code pendingReplacement}; empty for none, and when its record cannot be
 * read).
 */
public record RegistrationStatus(Registration registration, KeyStatus deviceKey,
                                 CertificateValidity certificateValidity, PrtRecords prts,
                                 Optional<PendingReplacement> pendingReplacement) {
    public RegistrationStatus {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(deviceKey, "deviceKey");
        Objects.requireNonNull(certificateValidity, "certificateValidity");
        Objects.requireNonNull(prts, "prts");
        Objects.requireNonNull(pendingReplacement, "pendingReplacement");
    }

    /** A registration with no replacement pending. */
    public RegistrationStatus(Registration registration, KeyStatus deviceKey, CertificateValidity certificateValidity,
                              PrtRecords prts) {
        this(registration, deviceKey, certificateValidity, prts, Optional.empty());
    }

    /** A registration whose PRTs dsreg does not keep (the Microsoft broker's). */
    public RegistrationStatus(Registration registration, KeyStatus deviceKey, CertificateValidity certificateValidity) {
        this(registration, deviceKey, certificateValidity, new PrtRecords.NotKept());
    }

    public boolean tpmProtected() {
        return deviceKey instanceof KeyStatus.Present p && p.protection().hardwareBacked();
    }
}
