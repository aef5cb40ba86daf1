package org.dsreg.port.in;

import java.util.Objects;

/**
 * Clean local broker state. {@code home} is the invoking user's home directory;
 * {@code requireSystem} asks for phase 2 (device keys and certificates) and fails without root.
 */
public record CleanupCommand(String home, boolean requireSystem) {
    public CleanupCommand {
        Objects.requireNonNull(home, "home");
        if (!home.startsWith("/")) {
            throw org.dsreg.domain.DsregException.invalidArgument("the home directory must be absolute: " + home);
        }
    }
}
