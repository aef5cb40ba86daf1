package org.dsreg.port.in;

import java.util.Objects;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.PrtAttempt;

/** What {@code --refreshprt} did: acquired a first PRT or renewed one, and the PRT's metadata now. */
public record RefreshPrtResult(PrtAttempt.Kind kind, DsregPrt prt) {
    public RefreshPrtResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(prt, "prt");
    }
}
