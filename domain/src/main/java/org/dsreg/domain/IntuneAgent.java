package org.dsreg.domain;

import java.util.List;
import java.util.Objects;

/**
 * Microsoft's Intune agent on this host (the {@code intune-portal} package): the package's files found, and the
 * state of the user units that run the agent, {@value #TIMER} and {@value #SERVICE}, as the user's systemd reports
 * them.
 */
public record IntuneAgent(List<String> files, ServiceUnit timer, ServiceUnit service) {
    /** The user timer that starts the agent now and then. */
    public static final String TIMER = "intune-agent.timer";
    /** The user service the timer starts: one run of the agent (it reports the device's state to Intune). */
    public static final String SERVICE = "intune-agent.service";

    public IntuneAgent {
        files = List.copyOf(files);
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(service, "service");
    }

    /** Installed: a file of the package is here, or the user's systemd knows one of its units. */
    public boolean installed() {
        return !files.isEmpty() || timer.loaded().orElse(false) || service.loaded().orElse(false);
    }
}
