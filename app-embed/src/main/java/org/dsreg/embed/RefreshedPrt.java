package org.dsreg.embed;

import java.util.Objects;
import org.dsreg.domain.DsregPrt;

/** What a PRT refresh did: acquired a first PRT ({@code acquired}) or renewed the one kept; the PRT's metadata now. */
public record RefreshedPrt(boolean acquired, DsregPrt prt) {
    public RefreshedPrt {
        Objects.requireNonNull(prt, "prt");
    }
}
