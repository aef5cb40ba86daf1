package org.dsreg.port.in;

import org.dsreg.domain.Registration;

/** {@code dsreg --join}: register this device with a tenant. All or nothing. */
public interface JoinDeviceUseCase {
    Registration join(JoinDeviceCommand command, DeviceCodePrompt prompt);

    /** Shows the user what to do during the device code flow. */
    interface DeviceCodePrompt {
        void show(String message);
    }
}
