package org.dsreg.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A systemd unit of the broker: its state as systemd reports it (empty when systemd could not be
 * asked), and the binary it runs with that file's modification time (the installation time).
 */
public record ServiceUnit(String name, Scope scope, Optional<String> loadState, Optional<String> activeState,
                          Optional<String> subState, Optional<String> binaryPath, Optional<Instant> binaryTimestamp,
                          Optional<String> unknownReason) {

    /** Which systemd manager runs the unit. */
    public enum Scope { SYSTEM, USER }

    public ServiceUnit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(loadState, "loadState");
        Objects.requireNonNull(activeState, "activeState");
        Objects.requireNonNull(subState, "subState");
        Objects.requireNonNull(binaryPath, "binaryPath");
        Objects.requireNonNull(binaryTimestamp, "binaryTimestamp");
        Objects.requireNonNull(unknownReason, "unknownReason");
    }

    /** Whether systemd knows the unit (it is installed). Empty when systemd could not be asked. */
    public Optional<Boolean> loaded() {
        return loadState.map(s -> !s.equals("not-found"));
    }

    public boolean active() {
        return activeState.map("active"::equals).orElse(false);
    }
}
