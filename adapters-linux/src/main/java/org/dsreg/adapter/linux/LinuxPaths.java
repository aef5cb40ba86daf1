package org.dsreg.adapter.linux;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the Linux adapters look. {@code root} prefixes every system path (so tests and image
 * builders can point dsreg at a tree that is not the running system); {@code stateDir} is
 * dsreg's own state directory, already resolved.
 */
public record LinuxPaths(Path root, Path stateDir) {
    public LinuxPaths {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(stateDir, "stateDir");
        root = root.toAbsolutePath().normalize();
        stateDir = stateDir.toAbsolutePath().normalize();
    }

    /** A system path (absolute, as on a running system) under the root prefix. */
    public Path system(String absolutePath) {
        if (!absolutePath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + absolutePath);
        }
        return root.resolve(absolutePath.substring(1));
    }

    Path registrationsDir() {
        return stateDir.resolve("registrations");
    }
}
