package org.dsreg.port.out;

import java.util.Objects;
import org.dsreg.domain.DsregPrt;

/**
 * A PRT as dsreg stores it: the metadata status shows, the PRT itself and where its session key is. Its
 * {@link #toString()} never shows the PRT.
 */
public record StoredPrt(DsregPrt metadata, String prt, SessionKeyRef sessionKey) {
    public StoredPrt {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(prt, "prt");
        Objects.requireNonNull(sessionKey, "sessionKey");
        if (prt.isEmpty()) {
            throw new IllegalArgumentException("an empty PRT");
        }
    }

    @Override
    public String toString() {
        return "StoredPrt[" + metadata + ", prt hidden, " + sessionKey + "]";
    }
}
