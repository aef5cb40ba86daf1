package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.JoinType;
import org.dsreg.testkit.TestCertificates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device mode of each registration in every status format: Shared or Exclusive for dsreg's, unknown for others. */
class DeviceModeStatusTest {
    final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    StatusFixture fx;
    StatusFixture.Joined shared;
    StatusFixture.Joined exclusive;

    @BeforeEach
    void twoRegistrations() {
        fx = new StatusFixture(dir);
        Instant now = Instant.now();
        shared = fx.join(UUID.randomUUID(), now.minusSeconds(60), now.plus(Duration.ofDays(300)), JoinType.JOINED,
                DeviceMode.SHARED);
        exclusive = fx.join(UUID.randomUUID(), now.minusSeconds(60), now.plus(Duration.ofDays(300)),
                JoinType.REGISTERED, DeviceMode.EXCLUSIVE);
    }

    /** The Device Details section (text) or box (dsregcmd) of one device: from its id to the next section. */
    private static String details(String out, Object device) {
        int start = out.indexOf(device.toString());
        assertTrue(start >= 0, out);
        int end = out.indexOf("Tenant Details", start);
        return out.substring(start, end < 0 ? out.length() : end);
    }

    @Test
    void textShowsTheModeOfEachRegistration() {
        var r = fx.run("--status");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(details(r.out(), shared.device()).matches("(?s).*\nDevice Mode +: Shared\n.*"), r.out());
        assertTrue(details(r.out(), exclusive.device()).matches("(?s).*\nDevice Mode +: Exclusive\n.*"), r.out());
    }

    @Test
    void dsregcmdShowsTheModeOfEachRegistration() {
        var r = fx.run("--status", "--format", "dsregcmd");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(details(r.out(), shared.device()).contains("\n                DeviceMode : Shared\n"), r.out());
        assertTrue(details(r.out(), exclusive.device()).contains("\n                DeviceMode : Exclusive\n"), r.out());
    }

    @Test
    void jsonHasTheModeOnEachRegistrationAndSatisfiesTheSchema() throws Exception {
        var r = fx.run("--status", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode n = mapper.readTree(r.out());
        assertEquals(java.util.Set.of(), StatusCommandTest.schema().validate(n), r.out());
        assertEquals(JsonRenderer.SCHEMA_VERSION, n.get("schemaVersion").asText()); // deviceMode since 1.1
        for (JsonNode reg : n.get("registrations")) {
            String expected = reg.get("deviceId").asText().equals(shared.device().toString()) ? "SHARED" : "EXCLUSIVE";
            assertEquals(expected, reg.get("deviceMode").textValue(), reg.toString());
        }
    }

    @Test
    void prometheusHasASharedDeviceGaugePerRegistration() {
        Map<String, Double> series = PrometheusFormat.parse(fx.run("--format", "prometheus").out());
        assertEquals(1.0, series.get("dsreg_shared_device{" + labels(shared) + "}"), series.toString());
        assertEquals(0.0, series.get("dsreg_shared_device{" + labels(exclusive) + "}"), series.toString());
    }

    private static String labels(StatusFixture.Joined j) {
        return "tenant_id=\"" + j.tenant() + "\",device_id=\"" + j.device() + "\"";
    }

    /** The Microsoft broker's registration: its mode is not in its certificate, so it is unknown, never guessed. */
    @Test
    void theMicrosoftBrokersRegistrationHasNoKnownMode() throws Exception {
        UUID device = UUID.randomUUID();
        Instant now = Instant.now();
        var cert = StatusFixture.CA.deviceCertificate(TestCertificates.rsaKeyPair().getPublic(), device,
                UUID.randomUUID(), "0", now.minusSeconds(60), now.plus(Duration.ofDays(300)));
        Path certs = Files.createDirectories(fx.root.resolve("etc/microsoft/identity-broker/certs"));
        Files.write(certs.resolve("drs_device"), cert.getEncoded());

        var text = fx.run("--status");
        assertTrue(details(text.out(), device).matches("(?s).*\nDevice Mode +: UNKNOWN\n.*"), text.out());
        assertTrue(details(fx.run("--format", "dsregcmd").out(), device).contains("DeviceMode : UNKNOWN\n"));
        JsonNode n = mapper.readTree(fx.run("--json").out());
        assertEquals(java.util.Set.of(), StatusCommandTest.schema().validate(n));
        JsonNode broker = null;
        for (JsonNode reg : n.get("registrations")) {
            broker = reg.get("deviceId").asText().equals(device.toString()) ? reg : broker;
        }
        assertEquals("MICROSOFT_BROKER", broker.get("source").asText(), n.toString());
        assertTrue(broker.get("deviceMode").isNull(), broker.toString());
        Map<String, Double> series = PrometheusFormat.parse(fx.run("--format", "prometheus").out());
        assertFalse(series.keySet().stream().anyMatch(k -> k.startsWith("dsreg_shared_device")
                && k.contains(device.toString())), "unknown is left out: " + series);
    }
}
