package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
import org.dsreg.domain.IntuneAgent;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.ServiceUnit;
import org.dsreg.port.out.ServiceManager;
import org.junit.jupiter.api.Test;

/** The Intune agent's rows: installed or not, its user timer and service. */
class IntuneAgentDiagnosisTest {
    static final List<String> FILES = List.of("/opt/microsoft/intune/bin/intune-agent",
            "/usr/lib/systemd/user/intune-agent.timer", "/usr/lib/systemd/user/intune-agent.service");

    /** A scripted user systemd: units by name; an unknown name is not-found; {@code unknown} for every unit. */
    static final class Units implements ServiceManager {
        final Map<String, ServiceUnit> units = new HashMap<>();
        final List<ServiceUnit.Scope> asked = new java.util.ArrayList<>();
        String unknown;

        Units put(String name, String load, String active, String sub) {
            units.put(name, new ServiceUnit(name, ServiceUnit.Scope.USER, Optional.of(load), Optional.of(active),
                    Optional.of(sub), Optional.empty(), Optional.empty(), Optional.empty()));
            return this;
        }

        @Override
        public ServiceUnit unit(String name, ServiceUnit.Scope scope) {
            asked.add(scope);
            if (unknown != null) {
                return new ServiceUnit(name, scope, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(unknown));
            }
            return units.getOrDefault(name, new ServiceUnit(name, scope, Optional.of("not-found"),
                    Optional.of("inactive"), Optional.of("dead"), Optional.empty(), Optional.empty(), Optional.empty()));
        }

        @Override
        public void stop(String name) {
            throw new AssertionError("the diagnosis stops nothing");
        }
    }

    final Units units = new Units();

    private List<Diagnostics.Result> rows(List<String> files) {
        IntuneAgentDiagnosis diagnosis = new IntuneAgentDiagnosis(units, () -> files);
        return diagnosis.results(diagnosis.agent());
    }

    private static void assertRow(Diagnostics.Result r, String test, Outcome outcome, String detail) {
        assertRow(r, test, outcome, detail, null);
    }

    private static void assertRow(Diagnostics.Result r, String test, Outcome outcome, String detail, Remedy remedy) {
        assertEquals("host", r.scope());
        assertEquals(test, r.test());
        assertEquals(outcome, r.result(), r.detail());
        assertEquals(detail, r.detail());
        assertEquals(Optional.ofNullable(remedy), r.remedy());
    }

    @Test
    void notInstalledIsSkippedNotFailedAndTheUnitsAreAskedOfTheUsersSystemd() {
        List<Diagnostics.Result> r = rows(List.of());
        assertRow(r.get(0), "Intune Agent Installed", Outcome.SKIPPED, "not installed: no file of the intune-portal"
                + " package (/opt/microsoft/intune, the intune-agent.timer user unit) is here, and the user's systemd"
                + " knows no intune-agent unit");
        assertRow(r.get(1), "Intune Agent Timer", Outcome.SKIPPED, "the Intune agent is not installed");
        assertRow(r.get(2), "Intune Agent Service", Outcome.SKIPPED, "the Intune agent is not installed");
        assertEquals(3, r.size());
        assertEquals(List.of(ServiceUnit.Scope.USER, ServiceUnit.Scope.USER), units.asked);
    }

    @Test
    void installedWithAnActiveTimerAndAServiceWaitingPasses() {
        units.put("intune-agent.timer", "loaded", "active", "waiting")
                .put("intune-agent.service", "loaded", "inactive", "dead");
        List<Diagnostics.Result> r = rows(FILES);
        assertRow(r.get(0), "Intune Agent Installed", Outcome.PASS, "installed: " + String.join(", ", FILES));
        assertRow(r.get(1), "Intune Agent Timer", Outcome.PASS, "intune-agent.timer active (waiting)");
        assertRow(r.get(2), "Intune Agent Service", Outcome.PASS, "intune-agent.service inactive (dead): waits for"
                + " its timer");
        units.put("intune-agent.service", "loaded", "activating", "start");
        assertRow(rows(FILES).get(2), "Intune Agent Service", Outcome.PASS, "intune-agent.service activating (start):"
                + " running now");
    }

    @Test
    void anInactiveTimerOrAFailedRunFailsWithWhatToDo() {
        units.put("intune-agent.timer", "loaded", "inactive", "dead")
                .put("intune-agent.service", "loaded", "failed", "failed");
        List<Diagnostics.Result> r = rows(FILES);
        assertRow(r.get(1), "Intune Agent Timer", Outcome.FAIL, "intune-agent.timer inactive (dead): the agent does"
                + " not run, so Intune gets no compliance report from this device",
                new Remedy.UserUnit("intune-agent.timer", Remedy.UnitStep.ENABLE_AND_START));
        assertRow(r.get(2), "Intune Agent Service", Outcome.FAIL, "intune-agent.service failed (failed): the agent's"
                + " last run failed", new Remedy.UserUnit("intune-agent.service", Remedy.UnitStep.READ_LOG));
    }

    @Test
    void unitsSystemdDoesNotKnowOrMaskedFailForAnInstalledAgent() {
        units.put("intune-agent.timer", "masked", "inactive", "dead");
        List<Diagnostics.Result> r = rows(List.of(FILES.get(0)));
        assertRow(r.get(1), "Intune Agent Timer", Outcome.FAIL, "the user's systemd has intune-agent.timer masked",
                new Remedy.UserUnit("intune-agent.timer", Remedy.UnitStep.UNMASK));
        assertRow(r.get(2), "Intune Agent Service", Outcome.FAIL, "the user's systemd has intune-agent.service"
                + " not-found", Remedy.say("reinstall the intune-portal package"));
    }

    @Test
    void systemdKnowingAUnitMeansInstalledWithoutTheFiles() {
        units.put("intune-agent.timer", "loaded", "active", "waiting");
        List<Diagnostics.Result> r = rows(List.of());
        assertRow(r.get(0), "Intune Agent Installed", Outcome.PASS, "installed: the user's systemd knows its units");
        assertEquals(Outcome.PASS, r.get(1).result());
    }

    @Test
    void systemdThatCannotBeAskedSkipsTheUnitRowsWithWhy() {
        units.unknown = "no session bus (DBUS_SESSION_BUS_ADDRESS is not set)";
        List<Diagnostics.Result> r = rows(FILES);
        assertEquals(Outcome.PASS, r.get(0).result());
        for (Diagnostics.Result u : r.subList(1, 3)) {
            assertEquals(Outcome.SKIPPED, u.result());
            assertEquals("no session bus (DBUS_SESSION_BUS_ADDRESS is not set) (a user's units are asked of the"
                    + " user's systemd on the user's session bus: diagnose as that user, not through sudo)", u.detail());
        }
        List<Diagnostics.Result> none = rows(List.of());
        assertEquals(Outcome.SKIPPED, none.get(0).result());
        assertTrue(none.get(0).detail().endsWith("is here; no session bus (DBUS_SESSION_BUS_ADDRESS is not set)"),
                none.get(0).detail());
        assertFalse(new IntuneAgent(List.of(), units.unit("x", ServiceUnit.Scope.USER),
                units.unit("y", ServiceUnit.Scope.USER)).installed());
    }
}
