package org.dsreg.port.in;

import org.dsreg.domain.Replacement;

/**
 * {@code dsreg --repair} and {@code dsreg --rekey}: a new device identity for a registration, saved only once DRS
 * has verified it; the previous identity works until then, and is removed after.
 */
public interface ReplaceIdentityUseCase {
    Replacement replace(ReplaceIdentityCommand command, JoinDeviceUseCase.DeviceCodePrompt prompt);
}
