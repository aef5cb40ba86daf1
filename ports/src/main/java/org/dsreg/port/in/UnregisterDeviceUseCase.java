package org.dsreg.port.in;

import org.dsreg.domain.Unregistration;

/**
 * {@code dsreg --unregister}: returns the registration that was removed, and whether DRS had
 * already deleted the device.
 */
public interface UnregisterDeviceUseCase {
    Unregistration unregister(UnregisterDeviceCommand command);
}
