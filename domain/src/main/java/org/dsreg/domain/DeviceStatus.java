package org.dsreg.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code dsreg --status} reports, as one immutable value that renderers (text, JSON,
 * metrics) turn into output. Built by the status use case; renderers compute nothing.
 */
public record DeviceStatus(
        Instant generatedAt,
        HostInfo host,
        JoinState joinState,
        List<RegistrationStatus> registrations,
        List<Problem> problems) {

    public DeviceStatus {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(joinState, "joinState");
        registrations = List.copyOf(registrations);
        problems = List.copyOf(problems);
    }

    /** Registered (joined or workplace joined) with at least one tenant. */
    public boolean registered() {
        return !registrations.isEmpty();
    }
}
