package org.dsreg.adapter.linux;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the buses are and how long a call may take. The session bus may be absent (a root shell
 * without a login session); the system bus address is always given (its default is the embedding
 * settings' {@code DsregSettings.DEFAULT_SYSTEM_BUS}).
 */
record DBusSettings(Optional<String> sessionBusAddress, String systemBusAddress, Duration callTimeout) {
    public DBusSettings {
        Objects.requireNonNull(sessionBusAddress, "sessionBusAddress");
        Objects.requireNonNull(systemBusAddress, "systemBusAddress");
        Objects.requireNonNull(callTimeout, "callTimeout");
    }
}
