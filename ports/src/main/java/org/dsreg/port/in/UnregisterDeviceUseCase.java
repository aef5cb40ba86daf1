package org.dsreg.port.in;

import org.dsreg.domain.Registration;

/** {@code dsreg --unregister}: returns the registration that was removed. */
public interface UnregisterDeviceUseCase {
    Registration unregister(UnregisterDeviceCommand command);
}
