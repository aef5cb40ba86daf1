package org.dsreg.application;

import java.util.List;
import java.util.Optional;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
import org.dsreg.domain.IntuneAgent;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.ServiceUnit;
import org.dsreg.port.out.IntuneInstallation;
import org.dsreg.port.out.ServiceManager;

/**
 * The Intune agent's rows of {@code --diagnose}, scope {@value #SCOPE}: whether it is installed, and the state of its
 * user timer and service as the user's systemd reports them (D-Bus, through {@link ServiceManager}). Not installed is
 * no failure (a device need not be managed by Intune): the rows say so, SKIPPED. Installed, a timer that is not
 * active means the agent never runs (Intune then receives no compliance reports from this device): FAIL; the service
 * is a run of the agent, inactive between runs, FAIL only when its last run failed.
 */
final class IntuneAgentDiagnosis {
    static final String SCOPE = "host";
    static final String INSTALLED = "Intune Agent Installed";
    static final String TIMER = "Intune Agent Timer";
    static final String SERVICE = "Intune Agent Service";

    private final ServiceManager services;
    private final IntuneInstallation installation;

    IntuneAgentDiagnosis(ServiceManager services, IntuneInstallation installation) {
        this.services = services;
        this.installation = installation;
    }

    /** The agent's files and units, asked now. */
    IntuneAgent agent() {
        return new IntuneAgent(installation.files(), services.unit(IntuneAgent.TIMER, ServiceUnit.Scope.USER),
                services.unit(IntuneAgent.SERVICE, ServiceUnit.Scope.USER));
    }

    List<Diagnostics.Result> results(IntuneAgent agent) {
        if (!agent.installed()) {
            String why = "the Intune agent is not installed";
            return List.of(result(INSTALLED, Outcome.SKIPPED, "not installed: no file of the intune-portal package"
                    + " (/opt/microsoft/intune, the " + IntuneAgent.TIMER + " user unit) is here"
                    + agent.timer().unknownReason().map(r -> "; " + r).orElse(", and the user's systemd knows"
                    + " no intune-agent unit")),
                    result(TIMER, Outcome.SKIPPED, why), result(SERVICE, Outcome.SKIPPED, why));
        }
        String found = agent.files().isEmpty() ? "the user's systemd knows its units"
                : String.join(", ", agent.files());
        return List.of(result(INSTALLED, Outcome.PASS, "installed: " + found), timer(agent.timer()),
                service(agent.service()));
    }

    private static Diagnostics.Result timer(ServiceUnit u) {
        Optional<Diagnostics.Result> unknown = unknownOrMissing(TIMER, u);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        if (u.active()) {
            return result(TIMER, Outcome.PASS, state(u));
        }
        return new Diagnostics.Result(SCOPE, TIMER, Outcome.FAIL, state(u) + ": the agent does not run, so Intune"
                + " gets no compliance report from this device",
                Optional.of(new Remedy.UserUnit(u.name(), Remedy.UnitStep.ENABLE_AND_START)));
    }

    private static Diagnostics.Result service(ServiceUnit u) {
        Optional<Diagnostics.Result> unknown = unknownOrMissing(SERVICE, u);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        if (u.activeState().map("failed"::equals).orElse(false)) {
            return new Diagnostics.Result(SCOPE, SERVICE, Outcome.FAIL, state(u) + ": the agent's last run failed",
                    Optional.of(new Remedy.UserUnit(u.name(), Remedy.UnitStep.READ_LOG)));
        }
        return result(SERVICE, Outcome.PASS, state(u) + (u.active() || u.activeState().map("activating"::equals)
                .orElse(false) ? ": running now" : ": waits for its timer"));
    }

    /** SKIPPED when systemd could not be asked; FAIL when it does not know the unit or it is masked. */
    private static Optional<Diagnostics.Result> unknownOrMissing(String test, ServiceUnit u) {
        if (u.unknownReason().isPresent() || u.loadState().isEmpty()) {
            return Optional.of(result(test, Outcome.SKIPPED, u.unknownReason().orElse("systemd gave no state")
                    + " (a user's units are asked of the user's systemd on the user's session bus: diagnose as that"
                    + " user, not through sudo)"));
        }
        String load = u.loadState().get();
        if ("masked".equals(load)) {
            return Optional.of(new Diagnostics.Result(SCOPE, test, Outcome.FAIL, "the user's systemd has " + u.name()
                    + " masked", Optional.of(new Remedy.UserUnit(u.name(), Remedy.UnitStep.UNMASK))));
        }
        if (!u.loaded().orElse(false)) {
            return Optional.of(new Diagnostics.Result(SCOPE, test, Outcome.FAIL, "the user's systemd has " + u.name()
                    + " " + load, Optional.of(Remedy.say("reinstall the intune-portal package"))));
        }
        return Optional.empty();
    }

    private static String state(ServiceUnit u) {
        return u.name() + " " + u.activeState().orElse("?") + u.subState().map(s -> " (" + s + ")").orElse("");
    }

    private static Diagnostics.Result result(String test, Outcome outcome, String detail) {
        return new Diagnostics.Result(SCOPE, test, outcome, detail);
    }
}
