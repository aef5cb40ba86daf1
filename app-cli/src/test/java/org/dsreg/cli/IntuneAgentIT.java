package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dsreg.testkit.dbus.FakeSystemd;
import org.dsreg.testkit.dbus.FakeSystemd.UnitState;
import org.dsreg.testkit.dbus.PrivateBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --diagnose's Intune agent rows and its {@code intuneAgent} JSON, against a fake systemd user manager on a private
 * session bus (a real dbus-daemon) and the package's files under a private root.
 */
class IntuneAgentIT {
    static final String TIMER_FILE = "/usr/lib/systemd/user/intune-agent.timer";
    static final String SERVICE_FILE = "/usr/lib/systemd/user/intune-agent.service";
    static final String AGENT = "/opt/microsoft/intune/bin/intune-agent";

    final ObjectMapper mapper = new ObjectMapper();
    @TempDir
    Path dir;
    StatusFixture fx;
    PrivateBus session;
    FakeSystemd systemd;

    @BeforeEach
    void bus() throws Exception {
        fx = new StatusFixture(dir);
        session = PrivateBus.start(Files.createDirectories(dir.resolve("session")));
        fx.env.put("DBUS_SESSION_BUS_ADDRESS", session.address());
    }

    @AfterEach
    void stop() throws Exception {
        if (systemd != null) {
            systemd.close();
        }
        session.close();
    }

    private void install() throws Exception {
        for (String f : List.of(AGENT, TIMER_FILE, SERVICE_FILE)) {
            Path p = fx.root.resolve(f.substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.endsWith(".service") ? "[Service]\nExecStart=" + AGENT + "\n" : "");
        }
    }

    private static void assertRow(String out, String test, String resultAndDetail) {
        assertTrue(out.matches("(?s).*\n" + test + " +: " + java.util.regex.Pattern.quote(resultAndDetail) + "\n.*"),
                test + " : " + resultAndDetail + " in:\n" + out);
    }

    private JsonNode json() throws Exception {
        var r = fx.run("--diagnose", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = mapper.readTree(r.out());
        assertEquals(java.util.Set.of(), StatusCommandTest.schema().validate(json));
        assertEquals("1.3", json.path("schemaVersion").asText());
        return json;
    }

    @Test
    void anInstalledAgentWithItsTimerActivePassesAndAStoppedTimerFails() throws Exception {
        install();
        systemd = FakeSystemd.builder()
                .unit("intune-agent.timer", "loaded", "active", "waiting", TIMER_FILE)
                .unit("intune-agent.service", "loaded", "inactive", "dead", SERVICE_FILE)
                .start(session.address());
        var r = fx.run("--diagnose");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Diagnostic Data (host)"), r.out());
        assertRow(r.out(), "Intune Agent Installed", "PASS (installed: " + AGENT + ", " + TIMER_FILE + ", "
                + SERVICE_FILE + ")");
        assertRow(r.out(), "Intune Agent Timer", "PASS (intune-agent.timer active (waiting))");
        assertRow(r.out(), "Intune Agent Service", "PASS (intune-agent.service inactive (dead): waits for its timer)");
        JsonNode agent = json().path("intuneAgent");
        assertTrue(agent.path("installed").asBoolean());
        assertEquals(List.of(AGENT, TIMER_FILE, SERVICE_FILE), mapper.convertValue(agent.path("files"), List.class));
        assertEquals("USER", agent.at("/timer/scope").asText());
        assertEquals("active", agent.at("/timer/activeState").asText());
        assertEquals("waiting", agent.at("/timer/subState").asText());
        assertEquals(AGENT, agent.at("/service/binaryPath").asText());

        systemd.putUnit(new UnitState("intune-agent.timer", "loaded", "inactive", "dead", TIMER_FILE));
        systemd.putUnit(new UnitState("intune-agent.service", "loaded", "failed", "failed", SERVICE_FILE));
        var stopped = fx.run("--diagnose");
        assertRow(stopped.out(), "Intune Agent Timer", "FAIL [intune-agent.timer inactive (dead): the agent does not"
                + " run, so Intune gets no compliance report from this device; run 'systemctl --user enable --now"
                + " intune-agent.timer']");
        assertRow(stopped.out(), "Intune Agent Service", "FAIL [intune-agent.service failed (failed): the agent's"
                + " last run failed; see 'journalctl --user -u intune-agent.service']");
        var prom = PrometheusFormat.parse(fx.run("--diagnose", "--format", "prometheus").out());
        assertEquals(1.0, prom.get("dsreg_diagnostic{test=\"Intune Agent Timer\",scope=\"host\",result=\"FAIL\"}"));
    }

    @Test
    void noAgentHereSkipsItsRowsAndSaysSoInJson() throws Exception {
        systemd = FakeSystemd.builder().start(session.address()); // knows no intune unit
        var r = fx.run("--diagnose");
        assertEquals(0, r.exitCode(), r.err());
        assertRow(r.out(), "Intune Agent Installed", "SKIPPED (not installed: no file of the intune-portal package"
                + " (/opt/microsoft/intune, the intune-agent.timer user unit) is here, and the user's systemd knows"
                + " no intune-agent unit)");
        assertRow(r.out(), "Intune Agent Timer", "SKIPPED (the Intune agent is not installed)");
        JsonNode agent = json().path("intuneAgent");
        assertEquals(false, agent.path("installed").asBoolean(true));
        assertEquals(0, agent.path("files").size());
        assertEquals("not-found", agent.at("/timer/loadState").asText());
        assertTrue(agent.at("/timer/unknownReason").isNull());
        assertTrue(mapper.readTree(fx.run("--json").out()).path("intuneAgent").isMissingNode(),
                "--status alone has no intuneAgent");
    }

    @Test
    void withoutASessionBusTheUnitRowsAreSkippedWithWhy() throws Exception {
        install();
        fx.env.remove("DBUS_SESSION_BUS_ADDRESS");
        var r = fx.run("--diagnose");
        assertEquals(0, r.exitCode(), r.err());
        assertRow(r.out(), "Intune Agent Installed", "PASS (installed: " + AGENT + ", " + TIMER_FILE + ", "
                + SERVICE_FILE + ")");
        assertTrue(r.out().matches("(?s).*\nIntune Agent Timer +: SKIPPED \\(systemd did not give the unit's state:"
                + " no session bus .*diagnose as that user, not through sudo\\).*"), r.out());
        JsonNode agent = json().path("intuneAgent");
        assertTrue(agent.at("/timer/loadState").isNull());
        assertTrue(agent.at("/timer/unknownReason").asText().contains("no session bus"), agent.toString());
    }
}
