package org.dsreg.adapter.linux;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.dsreg.spi.state.StateDirectory;
import org.dsreg.spi.state.StateTree;

/**
 * Where the Linux adapters look. {@code root} prefixes every system path (so tests and image
 * builders can point dsreg at a tree that is not the running system); {@code stateDir} is
 * dsreg's own state directory, already resolved.
 */
record LinuxPaths(Path root, Path stateDir) {
    public LinuxPaths {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(stateDir, "stateDir");
        root = root.toAbsolutePath().normalize();
        stateDir = stateDir.toAbsolutePath().normalize();
    }

    /** A system path (absolute, as on a running system) under the root prefix. */
    Path system(String absolutePath) {
        if (!absolutePath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + absolutePath);
        }
        return root.resolve(absolutePath.substring(1));
    }

    /** The state tree: no link followed at or below the state directory (or the root prefix holding it). */
    StateTree stateTree() {
        return new StateTree(StateTree.linkFreeTop(root, stateDir));
    }

    /** {@code <state>/<name>}, opened and checked; empty when it (or the state directory) does not exist. */
    Optional<StateDirectory> openStateSubdirectory(String name) {
        Optional<StateDirectory> state = stateTree().open(stateDir);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        try (StateDirectory s = state.get()) {
            return s.directory(name);
        }
    }

    /** {@code <state>/<name>}, created 0755 (and the state directory with it) when missing. */
    StateDirectory createStateSubdirectory(String name) {
        try (StateDirectory state = stateTree().create(stateDir, StateDirectory.DIR_0755)) {
            return state.createDirectory(name, StateDirectory.DIR_0755);
        }
    }
}
