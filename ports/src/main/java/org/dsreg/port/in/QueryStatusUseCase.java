package org.dsreg.port.in;

import org.dsreg.domain.DeviceStatus;

/** {@code dsreg --status}: what is this device's registration state. Reads local state only. */
public interface QueryStatusUseCase {
    DeviceStatus queryStatus(QueryStatusCommand command);
}
