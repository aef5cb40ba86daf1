package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dsreg.testkit.drs.DeviceAdmin;
import org.dsreg.testkit.drs.DrsEmulator;
import org.dsreg.testkit.drs.ManagementState;
import org.dsreg.testkit.drs.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Device Management section of --diagnose end to end, for one key storage: a join and a PRT against the emulator,
 * then --diagnose with --graph-url the emulator's Graph, as an operator sets the device's state there (compliant,
 * non-compliant, disabled, deleted), and a join whose certificate is already expired. The subclasses name the
 * storage: {@link ManagementIT} software keys, {@link TpmManagementIT} a TPM (swtpm).
 */
abstract class ManagementCase {
    final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    EmulatorRuns runs;
    DrsEmulator drs;
    DeviceAdmin admin;
    String device;

    /** This case's key storage ({@code --key-storage NAME} of the join). */
    abstract String storage();

    /** The options every dsreg command of this case needs for its storage (a TPM's {@code --tpm-tcti}). */
    abstract List<String> storageOptions();

    @BeforeEach
    void start() throws Exception {
        runs = EmulatorRuns.start(dir);
        drs = runs.drs;
        admin = drs.admin();
    }

    @AfterEach
    void stop() {
        drs.close();
    }

    /** dsreg ARGS against the emulator, with this storage's options. */
    StatusFixture.Run dsreg(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(storageOptions());
        return runs.dsreg(all.toArray(String[]::new));
    }

    /** Joins the emulator's tenant with this storage: the device id. */
    String join() throws Exception {
        List<String> all = new ArrayList<>(List.of("--join", "--tenant-id", drs.tenantId(), "--token-source",
                "file:" + runs.tokenFile, "--json", "--key-storage", storage()));
        var joined = dsreg(all.toArray(String[]::new));
        assertEquals(0, joined.exitCode(), joined.err());
        device = mapper.readTree(joined.out()).path("deviceId").asText();
        return device;
    }

    void acquirePrt() throws Exception {
        Path rt = new PrtJourney(runs, dir).refreshTokenFile("alice@" + drs.tenantDomain(), "rw-------");
        var acquired = dsreg("--refreshprt", "--tenant-id", drs.tenantId(), "--token-source", "refresh-token:" + rt);
        assertEquals(0, acquired.exitCode(), acquired.err());
    }

    StatusFixture.Run diagnose(String... more) {
        String[] args = new String[more.length + 5];
        System.arraycopy(new String[] {"--diagnose", "--tenant-id", drs.tenantId(), "--graph-url", drs.baseUrl()}, 0,
                args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        var r = dsreg(args);
        assertEquals(0, r.exitCode(), "--diagnose exits as --status does: " + r.err());
        return r;
    }

    /** --diagnose --json, valid by the schema. */
    JsonNode json() throws Exception {
        JsonNode n = mapper.readTree(diagnose("--json").out());
        assertEquals(Set.of(), StatusCommandTest.schema().validate(n), n.toPrettyString());
        assertEquals(1, n.get("deviceManagement").size(), n.toPrettyString());
        assertEquals(storage(), n.at("/registrations/0/deviceKey/storage").asText(), "the keys where this case says");
        return n;
    }

    /** A join, a PRT, then what the operator does, then --diagnose --json. */
    JsonNode withPrt(Runnable operator) throws Exception {
        join();
        acquirePrt();
        operator.run();
        return json();
    }

    static void assertState(JsonNode n, String state) {
        assertEquals(state, n.at("/deviceManagement/0/state").asText(), n.get("deviceManagement").toString());
    }

    static JsonNode result(JsonNode n, String test) {
        for (JsonNode r : n.get("diagnostics")) {
            if (r.path("test").asText().equals(test)) {
                return r;
            }
        }
        throw new AssertionError("no " + test + " in " + n.get("diagnostics"));
    }

    static void assertResult(JsonNode n, String test, String outcome, String detailPart) {
        JsonNode r = result(n, test);
        assertEquals(outcome, r.path("result").asText(), r.toString());
        assertTrue(r.path("detail").asText().contains(detailPart), r.toString());
    }

    ManagementState managed(boolean compliant) {
        return admin.management(device).managedByIntune(compliant,
                Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void aCompliantDeviceManagedByIntunePassesAndShowsWhatEntraRecords() throws Exception {
        JsonNode n = withPrt(() -> admin.setManagement(device, managed(true)));
        JsonNode m = n.at("/deviceManagement/0");
        assertState(n, "found");
        assertEquals("DSREG", m.path("source").asText());
        assertEquals(device, m.path("deviceId").asText());
        assertEquals(admin.objectId(device), m.at("/device/objectId").asText());
        assertTrue(m.at("/device/accountEnabled").asBoolean() && m.at("/device/isManaged").asBoolean()
                && m.at("/device/isCompliant").asBoolean(), m.toString());
        assertEquals("AzureAd", m.at("/device/trustType").asText());
        assertEquals("Microsoft Intune", m.at("/device/managementApp").asText());
        assertEquals("Linux", m.at("/device/operatingSystem").asText());
        for (String test : new String[] {"Device Object Test", "Device Enabled Test", "Compliance Test",
            "OS Version Test"}) {
            assertEquals("PASS", result(n, test).path("result").asText(), result(n, test).toString());
        }
        // what went to Graph: the device by its id, only the fields needed, with a token through the PRT
        RecordedRequest graph = drs.requests().stream().filter(r -> r.path().equals("/v1.0/devices"))
                .reduce((a, b) -> b).orElseThrow();
        String query = java.net.URLDecoder.decode(graph.query(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(query.contains("$filter=deviceId eq '" + device + "'"), query);
        assertTrue(query.contains("$select=id,deviceId,accountEnabled,"), query);

        String text = diagnose().out();
        assertTrue(text.contains("Device Management (device " + device + ")"), text);
        for (String row : new String[] {"IsCompliant +: YES", "IsManaged +: YES", "AccountEnabled +: YES",
            "ManagementApp +: Microsoft Intune", "TrustType +: AzureAd", "Compliance Test +: PASS"}) {
            assertTrue(text.matches("(?s).*\n" + row + ".*"), row + "\n" + text);
        }
    }

    @Test
    void aNonCompliantManagedDeviceFailsTheComplianceTest() throws Exception {
        JsonNode n = withPrt(() -> admin.setManagement(device, managed(false)));
        assertResult(n, "Compliance Test", "FAIL", "not compliant with its MDM's policies (Microsoft Intune)");
        assertResult(n, "Device Enabled Test", "PASS", "enabled");
    }

    @Test
    void aDisabledDeviceFailsWithWhoCanEnableIt() throws Exception {
        JsonNode n = withPrt(() -> admin.disable(device));
        assertState(n, "disabled");
        assertTrue(n.at("/deviceManagement/0/reason").asText().contains("AADSTS135011"), n.toString());
        assertResult(n, "Device Enabled Test", "FAIL", "administrator can enable it in the Microsoft Entra admin"
                + " center");
        String text = diagnose().out();
        assertTrue(text.matches("(?s).*\nDevice Object +: DISABLED \\(.*AADSTS135011.*"), text);
        assertTrue(text.matches("(?s).*\nDevice Enabled Test +: FAIL \\[the device is disabled.*"), text);
    }

    @Test
    void aDeletedDeviceFailsWithWhatToDo() throws Exception {
        JsonNode n = withPrt(() -> admin.delete(device));
        assertState(n, "not-found");
        assertResult(n, "Device Object Test", "FAIL", "an administrator deleted it");
        assertResult(n, "Device Object Test", "FAIL", "sudo dsreg --repair --tenant-id " + drs.tenantId());
    }

    /**
     * A join that got a certificate already expired (the emulator issues it so): the certificate rows fail, and the
     * device's TLS to DRS, refused in the handshake (the emulator, as a TLS server does, takes no expired client
     * certificate), fails saying why; the PRT request does not check the certificate's dates, so Graph still answers.
     */
    @Test
    void anExpiredCertificateFailsItsRowsAndDeviceAuthStatus() throws Exception {
        admin.certificateValidity(Duration.ofDays(-2), Duration.ofDays(-1));
        JsonNode n = withPrt(() -> { });
        assertState(n, "found");
        String notAfter = n.at("/registrations/0/certificate/notAfter").asText();
        assertEquals("EXPIRED", n.at("/registrations/0/certificate/validity").asText(), n.toString());
        assertTrue(result(n, "Certificate Validity Test").path("detail").asText().startsWith("expired " + notAfter),
                result(n, "Certificate Validity Test").toString());
        assertEquals("FAIL", result(n, "Certificate Validity Test").path("result").asText());
        String refused = "; the device certificate expired " + notAfter + ", and a server may refuse an expired"
                + " certificate in the TLS handshake";
        assertResult(n, "DeviceAuthStatus", "FAIL", refused);
        assertResult(n, "KeySignTest", "PASS", "PASSED");
        assertTrue(n.at("/problems/0/message").asText().contains("expired on " + notAfter), n.toString());

        String text = diagnose().out();
        for (String row : new String[] {"Certificate Status +: Expired \\(1 day ago\\)",
            "Certificate Validity Test +: FAIL \\[expired " + notAfter, "DeviceAuthStatus +: FAIL \\[FAILED\\. ERROR: .*"
                + java.util.regex.Pattern.quote(refused), "ERROR +: The device certificate for tenant " + drs.tenantId()
                + " expired on " + notAfter}) {
            assertTrue(text.matches("(?s).*\n" + row + ".*"), row + "\n" + text);
        }
    }
}
