package org.dsreg.embed;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where dsreg keeps and finds state, and the clock it reads. Immutable; change with the
 * {@code with…} methods.
 *
 * @param stateDir dsreg's state directory (registrations and software keys)
 * @param root     prefix for every system path dsreg reads, {@code /} on a running system
 * @param clock    the clock used for ages, validity and timestamps
 */
public record DsregSettings(Path stateDir, Path root, Clock clock) {
    /** The state directory of a system installation. */
    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/dsreg");
    /** Environment variable that overrides the state directory. */
    public static final String ENV_STATE_DIR = "DSREG_STATE_DIR";
    /** Environment variable that sets the root prefix for system paths. */
    public static final String ENV_ROOT = "DSREG_ROOT";

    public DsregSettings {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(clock, "clock");
    }

    /** The defaults of a system installation: {@code /var/lib/dsreg}, root {@code /}, the UTC system clock. */
    public static DsregSettings defaults() {
        return new DsregSettings(DEFAULT_STATE_DIR, Path.of("/"), Clock.systemUTC());
    }

    /** The defaults, overridden by {@value #ENV_STATE_DIR} and {@value #ENV_ROOT} where set and not empty. */
    public static DsregSettings fromEnvironment(Map<String, String> env) {
        DsregSettings s = defaults();
        Optional<String> state = nonEmpty(env.get(ENV_STATE_DIR));
        Optional<String> root = nonEmpty(env.get(ENV_ROOT));
        if (root.isPresent()) {
            s = s.withRoot(Path.of(root.get()));
        }
        if (state.isPresent()) {
            s = s.withStateDir(Path.of(state.get()));
        }
        return s;
    }

    /** Whether the state directory is the system one (changing it needs root). */
    public boolean systemStateDir() {
        return stateDir.toAbsolutePath().normalize().equals(DEFAULT_STATE_DIR);
    }

    public DsregSettings withStateDir(Path dir) {
        return new DsregSettings(dir, root, clock);
    }

    /**
     * Sets the root prefix. A state directory still at its default moves under the new root too,
     * so that a whole tree (system state included) can be inspected.
     */
    public DsregSettings withRoot(Path newRoot) {
        Path state = systemStateDir() ? newRoot.resolve(DEFAULT_STATE_DIR.toString().substring(1)) : stateDir;
        return new DsregSettings(state, newRoot, clock);
    }

    public DsregSettings withClock(Clock newClock) {
        return new DsregSettings(stateDir, root, newClock);
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
