package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
    static final Path SCHEMA = Path.of("..", "docs", "status.schema.json");
    static JsonSchema schema;
    final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    StatusFixture fx;

    @BeforeAll
    static void loadSchema() throws Exception {
        schema = schema();
    }

    /** The JSON schema of docs/, which every --json output must satisfy. */
    static JsonSchema schema() throws java.io.IOException {
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @BeforeEach
    void fixture() {
        fx = new StatusFixture(dir);
    }

    JsonNode validJson(String text) throws Exception {
        JsonNode node = mapper.readTree(text);
        Set<ValidationMessage> errors = schema.validate(node);
        assertEquals(Set.of(), errors, text);
        return node;
    }

    @Test
    void aFreshMachineIsNotRegisteredAndExitsZero() throws Exception {
        var r = fx.run("--status");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Device Registration Status : Not Registered"), r.out());
        assertEquals("", r.err());
        assertEquals(r.out(), fx.run().out(), "status is the default action");
        assertTrue(r.out().contains(fx.noSystemBus() + " does not exist"), "systemd was asked on the fixture's"
                + " system bus, not the host's: " + r.out());

        var json = fx.run("--status", "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode n = validJson(json.out());
        assertFalse(n.get("registered").asBoolean());
        assertEquals(0, n.get("registrations").size());
        assertEquals("NOT_JOINED", n.at("/deviceState/deviceState").asText());
    }

    @Test
    void aRegisteredDeviceShowsItsIdentityCertificateAndKey() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var joined = fx.join(UUID.randomUUID(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));

        var r = fx.run("--status");
        assertEquals(0, r.exitCode(), r.err());
        String out = r.out();
        assertTrue(out.contains("Device Registration Status : Registered"), out);
        assertTrue(out.matches("(?s).*AzureAdJoined +: YES.*"), out);
        assertTrue(out.matches("(?s).*Device ID +: " + joined.device() + "\n.*"), out);
        assertTrue(out.matches("(?s).*Tenant ID +: " + joined.tenant() + "\n.*"), out);
        assertTrue(out.matches("(?s).*Certificate Thumbprint +: " + joined.thumbprint() + "\n.*"), out);
        assertTrue(out.contains("Certificate Validity") && out.contains(" UTC -- "), out);
        assertTrue(out.matches("(?s).*Key Provider +: dsreg software key storage.*"), out);
        assertTrue(out.matches("(?s).*TpmProtected +: NO.*"), out);
        assertTrue(out.matches("(?s).*Key Matches Certificate +: YES.*"), out);
        assertFalse(out.contains("Problems"), out);

        JsonNode n = validJson(fx.run("--json").out());
        assertTrue(n.get("registered").asBoolean());
        JsonNode reg = n.get("registrations").get(0);
        assertEquals(joined.device().toString(), reg.get("deviceId").asText());
        assertEquals(joined.tenant().toString(), reg.get("tenantId").asText());
        assertEquals(joined.thumbprint().value(), reg.at("/certificate/thumbprint").asText());
        assertEquals(joined.certificate().notAfter().toString(), reg.at("/certificate/notAfter").asText());
        assertEquals("VALID", reg.at("/certificate/validity").asText());
        assertEquals("present", reg.at("/deviceKey/status").asText());
        assertEquals("software", reg.at("/deviceKey/storage").asText());
        assertFalse(reg.get("tpmProtected").asBoolean());
        assertTrue(reg.at("/deviceKey/matchesCertificate").asBoolean());
    }

    @Test
    void tenantIdSelectsOneRegistration() throws Exception {
        Instant now = Instant.now();
        var a = fx.join(UUID.randomUUID(), now.minusSeconds(60), now.plus(Duration.ofDays(300)));
        var b = fx.join(UUID.randomUUID(), now.minusSeconds(60), now.plus(Duration.ofDays(300)));
        assertEquals(2, validJson(fx.run("--json").out()).get("registrations").size());

        JsonNode onlyB = validJson(fx.run("--json", "--tenant-id", b.tenant().toString().toUpperCase()).out());
        assertEquals(1, onlyB.get("registrations").size());
        assertEquals(b.device().toString(), onlyB.at("/registrations/0/deviceId").asText());

        var other = fx.run("--tenant-id", UUID.randomUUID().toString());
        assertEquals(0, other.exitCode());
        assertTrue(other.out().contains("Not Registered"), other.out());
        assertFalse(other.out().contains(a.device().toString()));
    }

    @Test
    void problemsAreReportedInTextAndJson() throws Exception {
        Instant now = Instant.now();
        var joined = fx.join(UUID.randomUUID(), now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
        Files.delete(fx.state.resolve("keys/software/device-" + joined.tenant().value() + ".pem"));
        var r = fx.run();
        assertEquals(0, r.exitCode(), "an unhealthy registration is still a successful query");
        assertTrue(r.out().contains("Expired"), r.out());
        assertTrue(r.out().contains("MISSING"), r.out());
        JsonNode n = validJson(fx.run("--json").out());
        assertEquals("EXPIRED", n.at("/registrations/0/certificate/validity").asText());
        assertEquals("missing", n.at("/registrations/0/deviceKey/status").asText());
        assertEquals(2, n.get("problems").size());
        String repair = "repair it: run 'sudo dsreg --repair --tenant-id " + joined.tenant() + "'";
        for (JsonNode p : n.get("problems")) {
            assertEquals(repair, p.path("hint").asText(), "dsreg's registration is repaired: " + p);
        }
        assertTrue(r.out().matches("(?s).*\\nERROR +: The device certificate for tenant " + joined.tenant()
                + " expired on [^\\n]*\\(" + java.util.regex.Pattern.quote(repair) + "\\)\\n.*"), r.out());
    }

    @Test
    void aKeyFileThatIsTooOpenIsReportedAsUnknownNotAsAFailure() throws Exception {
        Instant now = Instant.now();
        var joined = fx.join(UUID.randomUUID(), now.minusSeconds(60), now.plus(Duration.ofDays(300)));
        Path key = fx.state.resolve("keys/software/device-" + joined.tenant().value() + ".pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw-rw-"));
        var r = fx.run("--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode n = validJson(r.out());
        assertEquals("unknown", n.at("/registrations/0/deviceKey/status").asText());
        assertTrue(n.at("/registrations/0/deviceKey/reason").asText().contains("too open"));
    }

    @Test
    void withoutASessionBusAnInstalledUserBrokerIsUnknownAndTheExitZero() throws Exception {
        // sudo dsreg --status: no DBUS_SESSION_BUS_ADDRESS, no $XDG_RUNTIME_DIR/bus
        Path activation = fx.root.resolve("usr/share/dbus-1/services/com.microsoft.identity.broker1.service");
        Files.createDirectories(activation.getParent());
        Files.writeString(activation, "[D-BUS Service]\nName=com.microsoft.identity.broker1\n");
        var r = fx.run("--status");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertEquals("", r.err());
        assertTrue(r.out().matches("(?s).*User Broker +: UNKNOWN \\(no session bus.*"), r.out());
        assertTrue(r.out().matches("(?s).*Broker Accounts +: UNKNOWN \\(no session bus.*"), r.out());

        var json = fx.run("--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode n = validJson(json.out());
        assertEquals("unknown", n.at("/broker/userBroker/state").asText());
        assertTrue(n.at("/broker/userBroker/reason").asText().startsWith("no session bus"), json.out());
        assertEquals("unavailable", n.at("/userState/state").asText());
    }

    @Test
    void unknownOptionsAndMalformedTenantIdsExitOneWithOneLine() {
        var bogus = fx.run("--bogus");
        assertEquals(1, bogus.exitCode());
        assertEquals("", bogus.out());
        assertEquals("dsreg: Unknown option: '--bogus'", StatusFixture.lines(bogus.err()).get(0));
        assertTrue(bogus.err().contains("dsreg --help"));

        var guid = fx.run("--tenant-id", "not-a-guid");
        assertEquals(1, guid.exitCode());
        assertTrue(StatusFixture.lines(guid.err()).get(0).contains("'not-a-guid' is neither a tenant id (GUID) nor a domain name"), guid.err());
        assertEquals(2, StatusFixture.lines(guid.err()).size(), "one line and a usage hint: " + guid.err());
    }

    @Test
    void corruptStateIsExitThreeWithoutAStackTraceUnlessDebug() throws Exception {
        Path regs = Files.createDirectories(fx.state.resolve("registrations"));
        Files.writeString(regs.resolve(UUID.randomUUID() + ".json"), "{ broken");
        var r = fx.run();
        assertEquals(3, r.exitCode());
        assertTrue(r.err().startsWith("dsreg: registration file "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());

        var debug = fx.run("--debug");
        assertEquals(3, debug.exitCode());
        assertTrue(debug.err().contains("is corrupt"), debug.err()); // reported, not thrown: no trace to show

        var find = fx.run("--debug", "--unregister", "--tenant-id", regs.toFile().list()[0].replace(".json", ""));
        assertEquals(3, find.exitCode());
        assertTrue(find.err().contains("\tat org.dsreg."), "an action it stops shows where with --debug: " + find.err());
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() throws Exception {
        Instant now = Instant.now();
        fx.join(UUID.randomUUID(), now.minusSeconds(60), now.plus(Duration.ofDays(300)));
        assertTrue(fx.run(true).out().contains("\u001b["), "a terminal gets colour");
        assertFalse(fx.run(false).out().contains("\u001b["), "a pipe gets none");
        assertFalse(fx.run(true, "--no-color").out().contains("\u001b["));
        fx.env.put("NO_COLOR", "1");
        assertFalse(fx.run(true).out().contains("\u001b["));
        fx.env.put("NO_COLOR", "");
        assertTrue(fx.run(true).out().contains("\u001b["), "an empty NO_COLOR does not count (no-color.org)");
    }

    @Test
    void stateDirOptionWinsOverTheEnvironment() throws Exception {
        Instant now = Instant.now();
        fx.join(UUID.randomUUID(), now.minusSeconds(60), now.plus(Duration.ofDays(300)));
        assertTrue(fx.run().out().contains("Registered"));
        var elsewhere = fx.run("--state-dir", dir.resolve("empty").toString());
        assertTrue(elsewhere.out().contains("Not Registered"), elsewhere.out());
    }

    /** Two registrations with two tenants, valid from yesterday for 300 days. */
    private List<StatusFixture.Joined> twoValidRegistrations() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return List.of(fx.join(UUID.randomUUID(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(300))),
                fx.join(UUID.randomUUID(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(300))));
    }

    @Test
    void aRegistrationEditedToAnotherTenantIsCorruptTheOthersStillShowAndStatusExits3() throws Exception {
        List<StatusFixture.Joined> two = twoValidRegistrations();
        StatusFixture.Joined a = two.get(0);
        StatusFixture.Joined b = two.get(1);
        Path fileOfA = fx.state.resolve("registrations/" + a.tenant() + ".json");
        String edited = Files.readString(fileOfA).replace(a.tenant().toString(), b.tenant().toString());
        Files.writeString(fileOfA, edited);

        StatusFixture.Run status = fx.run("--status");
        assertEquals(3, status.exitCode(), status.out() + status.err());
        assertTrue(status.out().contains(b.device().toString()), "the sound registration still shows: " + status.out());
        assertFalse(status.out().contains(a.device().toString()), status.out());
        assertTrue(status.out().contains(fileOfA + " is corrupt: the file is named for tenant " + a.tenant()
                + " but records tenant " + b.tenant()), status.out());
        assertTrue(status.err().startsWith("dsreg: registration file " + fileOfA + " is corrupt"), status.err());
        JsonNode json = validJson(fx.run("--status", "--json").out());
        assertEquals(1, json.at("/registrations").size());

        StatusFixture.Run unregister = fx.run("--unregister", "--tenant-id", a.tenant().toString());
        assertEquals(3, unregister.exitCode(), unregister.err());
        assertTrue(unregister.err().contains("is corrupt"), unregister.err());
        assertEquals(edited, Files.readString(fileOfA), "no action but --cleanup changes it");
        assertTrue(Files.exists(fx.state.resolve("keys/software/device-" + a.tenant() + ".pem")));
    }

    @Test
    void aCertificateOfAnotherTenantOrDeviceMakesTheRegistrationCorrupt() throws Exception {
        List<StatusFixture.Joined> two = twoValidRegistrations();
        StatusFixture.Joined a = two.get(0);
        StatusFixture.Joined b = two.get(1);
        Path fileOfA = fx.state.resolve("registrations/" + a.tenant() + ".json");
        Path fileOfB = fx.state.resolve("registrations/" + b.tenant() + ".json");
        ObjectMapper m = new ObjectMapper();
        var nodeA = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(fileOfA.toFile());
        var nodeB = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(fileOfB.toFile());
        String certA = nodeA.get("certificate").asText();
        nodeA.put("certificate", nodeB.get("certificate").asText()); // b's certificate: another tenant's
        Files.write(fileOfA, m.writeValueAsBytes(nodeA));
        nodeB.put("deviceId", UUID.randomUUID().toString()); // a device id its certificate does not name
        Files.write(fileOfB, m.writeValueAsBytes(nodeB));
        StatusFixture.Run status = fx.run("--status");
        assertEquals(3, status.exitCode(), status.out() + status.err());
        assertTrue(status.out().contains("but its certificate is for tenant " + b.tenant()), status.out());
        assertTrue(status.out().contains("but its certificate's subject is '" + b.device() + "'"), status.out());
        assertTrue(certA.length() > 0);
    }
}
