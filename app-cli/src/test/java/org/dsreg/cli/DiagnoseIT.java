package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.TenantId;
import org.dsreg.embed.Dsreg;
import org.dsreg.embed.DsregSettings;
import org.dsreg.testkit.dbus.BrokerProfile;
import org.dsreg.testkit.dbus.FakeAccount;
import org.dsreg.testkit.dbus.FakeBroker;
import org.dsreg.testkit.dbus.PrivateBus;
import org.dsreg.testkit.drs.DrsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --diagnose against the DRS emulator and a fake broker on a private bus, and the four output
 * formats of one status: a healthy setup passes every test; each broken setup fails the right one.
 */
class DiagnoseIT {
    final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    StatusFixture fx;
    DrsEmulator drs;
    PrivateBus session;
    FakeBroker broker;
    String deviceId;

    @BeforeEach
    void joined() throws Exception {
        fx = new StatusFixture(dir);
        drs = DrsEmulator.start(Files.createDirectories(dir.resolve("drs")));
        session = PrivateBus.start(Files.createDirectories(dir.resolve("session")));
        fx.env.put("DBUS_SESSION_BUS_ADDRESS", session.address());
        broker = FakeBroker.builder(BrokerProfile.V2_0_1)
                .account(FakeAccount.of("admin@" + drs.tenantDomain(), drs.tenantId())).start(session.address());
        Path token = Files.writeString(dir.resolve("token"), drs.issueAccessToken("admin@" + drs.tenantDomain()));
        var r = run("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + token);
        assertEquals(0, r.exitCode(), r.err());
        deviceId = drs.devices().keySet().iterator().next();
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
        session.close();
        drs.close();
    }

    private StatusFixture.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--drs-url", drs.baseUrl(), "--trust-ca", drs.caPem().toString(), "--timeout", "5"));
        return fx.run(all.toArray(String[]::new));
    }

    private static Map<String, Diagnostics.Result> byTest(Diagnostics d) {
        Map<String, Diagnostics.Result> m = new java.util.HashMap<>();
        d.results().forEach(r -> m.put(r.test(), r));
        return m;
    }

    private Dsreg embedded(Clock clock, boolean trustCa) {
        DsregSettings s = DsregSettings.fromEnvironment(fx.env).withClock(clock)
                .withDrs(java.net.URI.create(drs.baseUrl()), trustCa ? Optional.of(drs.caPem()) : Optional.empty());
        return Dsreg.create(s);
    }

    @Test
    void aHealthySetupPassesEveryTest() throws Exception {
        var r = run("--diagnose");
        assertEquals(0, r.exitCode(), r.err());
        for (String test : List.of("DRS Discovery Test", "DRS Connectivity Test", "Clock Skew Test",
                "Token Acquisition Test", "Proxy Settings", "Certificate Validity Test", "Device Key Present Test",
                "KeySignTest", "DeviceAuthStatus")) {
            assertTrue(r.out().matches("(?s).*\n" + test + " +: PASS.*"), test + " in:\n" + r.out());
        }
        JsonNode json = mapper.readTree(run("--diagnose", "--json").out());
        assertEquals(java.util.Set.of(), StatusCommandTest.schema().validate(json));
        // and the PRT Present Test, which fails: this join acquired no PRT (PrtDiagnosisTest has the PRT tests);
        // the Device Object Test, skipped for want of a PRT (ManagementIT has the Device Management sections);
        // then the Intune agent's three rows (IntuneAgentIT)
        assertEquals(14, json.get("diagnostics").size());
        assertTrue(r.out().matches("(?s).*\nPRT Present Test +: FAIL.*"), r.out());
        var cmd = run("--diagnose", "--format", "dsregcmd");
        assertTrue(cmd.out().contains("          DeviceAuthStatus : SUCCESS"), cmd.out());
        assertTrue(cmd.out().contains("| Diagnostic Data"), cmd.out());
    }

    @Test
    void aWrongCaFailsDiscoveryWithTheReason() {
        try (Dsreg dsreg = embedded(Clock.systemUTC(), false)) {
            var d = byTest(dsreg.diagnose(Optional.of(TenantId.parse(drs.tenantId()))));
            assertEquals(Diagnostics.Outcome.FAIL, d.get("DRS Discovery Test").result());
            assertTrue(d.get("DRS Discovery Test").detail().contains("certification path")
                    || d.get("DRS Discovery Test").detail().contains("trust"), d.get("DRS Discovery Test").detail());
            assertEquals(Diagnostics.Outcome.SKIPPED, d.get("DRS Connectivity Test").result());
        }
    }

    @Test
    void aSkewedClockFailsTheClockSkewTest() {
        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11));
        try (Dsreg dsreg = embedded(skewed, true)) {
            var d = byTest(dsreg.diagnose(Optional.empty()));
            assertEquals(Diagnostics.Outcome.FAIL, d.get("Clock Skew Test").result(), d.toString());
            assertTrue(d.get("Clock Skew Test").detail().contains("ahead of DRS"), d.get("Clock Skew Test").detail());
            assertEquals(Diagnostics.Outcome.PASS, d.get("DRS Discovery Test").result());
        }
    }

    @Test
    void aMissingKeyFailsTheKeyTestAndSkipsWhatNeedsIt() throws Exception {
        try (var keys = Files.list(fx.state.resolve("keys/software"))) {
            for (Path k : keys.filter(p -> p.getFileName().toString().startsWith("device-")).toList()) {
                Files.delete(k);
            }
        }
        var r = run("--diagnose");
        assertTrue(r.out().matches("(?s).*Device Key Present Test +: FAIL \\[no key software:device-.*"), r.out());
        assertTrue(r.out().matches("(?s).*KeySignTest +: SKIPPED \\(no usable device key\\).*"), r.out());
    }

    @Test
    void aDeviceDeletedAtDrsFailsDeviceAuthStatus() throws Exception {
        // the device object deleted at DRS behind this machine's back: keep a copy of the local state,
        // unregister (which deletes it at DRS), then put the local state back
        Path saved = dir.resolve("saved-state");
        copy(fx.state, saved);
        assertEquals(0, run("--unregister", "--tenant-id", drs.tenantId()).exitCode());
        copy(saved, fx.state);
        assertTrue(drs.devices().get(deviceId).deleted());

        var r = run("--diagnose");
        assertTrue(r.out().matches("(?s).*DeviceAuthStatus +: FAIL \\[FAILED\\. Device is either disabled or deleted.*"),
                r.out());
        assertTrue(r.out().matches("(?s).*DeviceAuthStatus +: FAIL \\[[^\\n]*; repair it: run 'sudo dsreg --repair"
                + " --tenant-id " + drs.tenantId() + "'\\].*"), "the deleted device's remedy is the repair: " + r.out());
        assertTrue(r.out().matches("(?s).*KeySignTest +: PASS.*"), "the key itself is fine: " + r.out());
    }

    @Test
    void aDeviceAnOperatorDisabledFailsDeviceAuthStatusWithWhoCanEnableIt() throws Exception {
        drs.admin().disable(deviceId);
        String failed = "FAILED. Device is either disabled or deleted (DRS says device " + deviceId + " is disabled:"
                + " an administrator can enable it in the Microsoft Entra admin center)";
        var r = run("--diagnose");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*\nDeviceAuthStatus +: FAIL \\[" + java.util.regex.Pattern.quote(failed)
                + "\\]\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*KeySignTest +: PASS.*"), "the key itself is fine: " + r.out());
        JsonNode json = mapper.readTree(run("--diagnose", "--json").out());
        assertEquals(java.util.Set.of(), StatusCommandTest.schema().validate(json));
        JsonNode auth = null;
        for (JsonNode d : json.get("diagnostics")) {
            auth = d.path("test").asText().equals("DeviceAuthStatus") ? d : auth;
        }
        assertEquals(mapper.createObjectNode().put("scope", "device " + deviceId).put("test", "DeviceAuthStatus")
                .put("result", "FAIL").put("detail", failed), auth, json.toString());
        var cmd = run("--diagnose", "--format", "dsregcmd");
        assertTrue(cmd.out().contains("          DeviceAuthStatus : " + failed), cmd.out());
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void allFourFormatsRenderTheSameStatus() throws Exception {
        String thumbprint = mapper.readTree(run("--json").out()).at("/registrations/0/certificate/thumbprint").asText();
        var text = run("--format", "text");
        var cmd = run("--format", "dsregcmd");
        var json = run("--format", "json");
        var prom = run("--format", "prometheus");
        for (var r : List.of(text, cmd, json, prom)) {
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains(deviceId), r.out());
        }
        for (var r : List.of(text, cmd, json)) {
            assertTrue(r.out().contains(thumbprint), r.out());
        }
        assertTrue(cmd.out().contains("             AzureAdJoined : YES"), cmd.out());
        var viaFormat = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json.out());
        var viaJson = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(run("--json").out());
        viaFormat.remove("generatedAt");
        viaJson.remove("generatedAt");
        assertEquals(viaJson, viaFormat, "--format json is --json");
        Map<String, Double> series = PrometheusFormat.parse(prom.out());
        assertEquals(1.0, series.get("dsreg_registered{}"));
        String labels = "tenant_id=\"" + drs.tenantId() + "\",device_id=\"" + deviceId + "\"";
        assertEquals(1.0, series.get("dsreg_joined{" + labels + "}"));
        assertTrue(series.get("dsreg_certificate_expiry_timestamp_seconds{" + labels + "}") > 1.7e9);
        assertEquals(1.0, series.get("dsreg_prt_present{account=\"admin@" + drs.tenantDomain() + "\"}"));
        assertEquals(1.0, series.get("dsreg_broker_up{broker=\"user\"}"));
        Map<String, Double> withDiag = PrometheusFormat.parse(run("--diagnose", "--format", "prometheus").out());
        assertEquals(1.0, withDiag.get("dsreg_diagnostic{test=\"KeySignTest\",scope=\"device " + deviceId
                + "\",result=\"PASS\"}"));
    }
}
