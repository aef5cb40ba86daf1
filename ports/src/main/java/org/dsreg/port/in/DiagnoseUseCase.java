package org.dsreg.port.in;

import org.dsreg.domain.Diagnostics;

/**
 * {@code dsreg --diagnose}: pre-join tests (DRS discovery, DRS connectivity, clock skew against
 * DRS, token acquisition, proxy settings) and post-join tests (KeySignTest, certificate validity,
 * device key present, DeviceAuthStatus). Makes network requests.
 */
public interface DiagnoseUseCase {
    /** The largest clock difference from DRS that passes. */
    java.time.Duration MAX_SKEW = java.time.Duration.ofMinutes(5);

    Diagnostics diagnose(DiagnoseCommand command);
}
