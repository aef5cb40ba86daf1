package org.dsreg.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A registration file that does not read or does not agree with itself (file name, recorded
 * tenant, the certificate's tenant extension and subject device id). Status reports it and exits 3;
 * no action but cleanup changes it.
 */
public record CorruptRegistration(String file, Optional<TenantId> tenant, String reason) {
    public CorruptRegistration {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(reason, "reason");
    }

    /** The problem status lists for it. */
    public Problem problem() {
        return new Problem(Problem.Severity.ERROR, "Registration file " + file + " is corrupt: " + reason,
                new Remedy.RestoreOrCleanup());
    }
}
