package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dsreg.testkit.dbus.BrokerProfile;
import org.dsreg.testkit.dbus.FakeAccount;
import org.dsreg.testkit.dbus.FakeBroker;
import org.dsreg.testkit.dbus.PrivateBus;
import org.dsreg.testkit.drs.DeviceAdmin;
import org.dsreg.testkit.drs.DrsEmulator;
import org.dsreg.testkit.drs.ManagementState;
import org.dsreg.testkit.drs.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Device Management section of --diagnose end to end: a join with software keys and a PRT against the emulator,
 * then --diagnose with --graph-url the emulator's Graph, as an operator sets the device's state there (compliant,
 * non-compliant, disabled, deleted), and a join whose certificate is already expired. {@link TpmManagementIT} runs
 * the same with the keys in a TPM.
 */
class ManagementIT {
    /** The test's join gets a certificate already expired (the emulator issues it so). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface JoinedExpired {
    }

    final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;
    EmulatorRuns runs;
    DrsEmulator drs;
    DeviceAdmin admin;
    String device;

    @BeforeEach
    void start(TestInfo test) throws Exception {
        runs = EmulatorRuns.start(dir);
        drs = runs.drs;
        admin = drs.admin();
        beforeJoin();
        if (test.getTestMethod().orElseThrow().isAnnotationPresent(JoinedExpired.class)) {
            admin.certificateValidity(Duration.ofDays(-2), Duration.ofDays(-1));
        }
        var joined = dsreg("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + runs.tokenFile,
                "--json", "--key-storage", storage());
        assertEquals(0, joined.exitCode(), joined.err());
        device = mapper.readTree(joined.out()).path("deviceId").asText();
    }

    /** What this storage needs before the join (nothing for software keys). */
    void beforeJoin() throws Exception {
    }

    /** The key storage of the join. */
    String storage() {
        return "software";
    }

    /** The options every dsreg command needs for that storage (none for software keys). */
    List<String> storageOptions() {
        return List.of();
    }

    /** dsreg ARGS against the emulator, with the storage's options. */
    StatusFixture.Run dsreg(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(storageOptions());
        return runs.dsreg(all.toArray(String[]::new));
    }

    @AfterEach
    void stop() {
        drs.close();
    }

    void acquirePrt() throws Exception {
        Path rt = new PrtJourney(runs, dir).refreshTokenFile("alice@" + drs.tenantDomain(), "rw-------");
        var acquired = dsreg("--refreshprt", "--tenant-id", drs.tenantId(), "--token-source",
                "refresh-token:" + rt);
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
        assertEquals(storage(), n.at("/registrations/0/deviceKey/storage").asText(), "the keys where this test says");
        return n;
    }

    /** A PRT, then what the operator does, then --diagnose --json. */
    JsonNode withPrt(Runnable operator) throws Exception {
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
    void aGraphUrlOfAnotherHostIsRefusedBeforeAnythingIsAsked() throws Exception {
        acquirePrt();
        int asked = drs.requests().size();
        java.net.URI emulator = java.net.URI.create(drs.baseUrl());
        for (String elsewhere : new String[] {"https://localhost:" + emulator.getPort(), // another name, not resolved
            "https://" + emulator.getHost() + ":" + (emulator.getPort() == 1 ? 2 : 1)}) { // another port
            var r = runs.dsreg("--diagnose", "--tenant-id", drs.tenantId(), "--graph-url", elsewhere);
            assertEquals(1, r.exitCode(), r.err());
            assertEquals(java.util.List.of("dsreg: the Graph URL " + elsewhere + " is neither Microsoft Graph"
                    + " (dod-graph.microsoft.us, graph.microsoft.com, graph.microsoft.us, microsoftgraph.chinacloudapi.cn)"
                    + " nor a host of the device registration service of tenant " + drs.tenantId() + ": a Graph token"
                    + " is sent to no other host", "Try 'dsreg --help' for more information."),
                    StatusFixture.lines(r.err()));
            assertEquals("", r.out());
        }
        assertEquals(asked, drs.requests().size(), "no token, no discovery: nothing was asked of the emulator");
    }

    /**
     * A replacement left behind (a --rekey killed after DRS made the new device): --diagnose renews the PRT and asks
     * for a Graph token, each under the state lock, and settles nothing (settling may delete devices at DRS); the
     * next run that changes state does, and status names it meanwhile.
     */
    @Test
    void aDiagnosisLeavesAPendingReplacementAsItIs() throws Exception {
        acquirePrt();
        var other = runs.dsreg("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + runs.tokenFile,
                "--state-dir", Files.createDirectories(dir.resolve("next")).toString(), "--json");
        assertEquals(0, other.exitCode(), other.err());
        String next = mapper.readTree(other.out()).path("deviceId").asText();
        org.dsreg.domain.TenantId tenant = org.dsreg.domain.TenantId.parse(drs.tenantId());
        var previous = StateWriter.at(runs.fx.root, runs.fx.state).registrations().find(tenant).orElseThrow();
        var staged = new org.dsreg.port.out.StagedIdentities.Staged(previous, StateWriter.at(runs.fx.root,
                dir.resolve("next")).registrations().find(tenant).orElseThrow(),
                org.dsreg.port.out.StagedIdentities.Purpose.REKEY);
        StateWriter.at(runs.fx.root, runs.fx.state).staged().stage(staged);
        Path record = runs.fx.state.resolve("replacements").resolve(drs.tenantId() + ".json");
        byte[] before = Files.readAllBytes(record);

        JsonNode n = json();
        assertResult(n, "PRT Renewal Test", "PASS", "renewed");
        assertState(n, "found"); // the Graph token was had through the PRT
        assertTrue(Files.exists(record), "the replacement is not settled by a diagnosis");
        assertEquals(new String(before, java.nio.charset.StandardCharsets.UTF_8),
                Files.readString(record), "nor changed");
        assertTrue(!drs.devices().get(next).deleted() && !drs.devices().get(device).deleted(), "both devices live");
        assertEquals(previous, StateWriter.at(runs.fx.root, runs.fx.state).registrations().find(tenant).orElseThrow());
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

    @Test
    void anOsVersionOtherThanThisHostsWarns() throws Exception {
        JsonNode n = withPrt(() -> {
            ManagementState m = admin.management(device);
            admin.setManagement(device, new ManagementState(m.accountEnabled(), m.managed(), m.compliant(),
                    m.managementType(), m.mdmAppId(), m.complianceExpiration(), m.operatingSystem(),
                    "Debian GNU/Linux 11 (bullseye)", m.trustType(), m.approximateLastSignIn()));
        });
        assertResult(n, "OS Version Test", "WARN", "Entra records Linux 'Debian GNU/Linux 11 (bullseye)', this host is");
        assertResult(n, "Compliance Test", "WARN", "not managed by an MDM");
        String text = diagnose().out();
        assertTrue(text.matches("(?s).*\nOS Version Test +: WARN \\(Entra records.*point release.*"), text);
    }

    @Test
    void graphsRefusalForLackOfConsentIsSkippedWithWhy() throws Exception {
        JsonNode n = withPrt(() -> admin.denyGraph(true));
        assertState(n, "skipped");
        assertTrue(n.at("/deviceManagement/0/device").isNull());
        assertResult(n, "Device Object Test", "SKIPPED", "HTTP 403 Authorization_RequestDenied");
    }

    @Test
    void withoutAPrtTheSectionIsSkippedNamingTheRefresh() throws Exception {
        JsonNode n = json();
        assertState(n, "skipped");
        assertEquals("run 'sudo dsreg --refreshprt --tenant-id " + drs.tenantId() + "'",
                n.at("/deviceManagement/0/hint").asText());
        assertResult(n, "Device Object Test", "SKIPPED", "no live PRT");
        assertTrue(drs.requests().stream().noneMatch(r -> r.path().equals("/v1.0/devices")), "Graph not asked");
    }

    @Test
    void theMicrosoftBrokersRegistrationIsLookedUpWithTheUserBrokersToken() throws Exception {
        // the broker's registration: another device at the emulator, its certificate where the broker keeps it
        var other = runs.dsreg("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + runs.tokenFile,
                "--join-type", "register", "--state-dir", Files.createDirectories(dir.resolve("other")).toString(),
                "--json");
        assertEquals(0, other.exitCode(), other.err());
        String brokers = mapper.readTree(other.out()).path("deviceId").asText();
        Path certs = Files.createDirectories(runs.fx.root.resolve("etc/microsoft/identity-broker/certs"));
        Files.write(certs.resolve("drs_device"), drs.devices().get(brokers).certificate().getEncoded());
        admin.setManagement(brokers, admin.management(brokers).managedByIntune(true, null));

        try (PrivateBus session = PrivateBus.start(Files.createDirectories(dir.resolve("session")))) {
            runs.fx.env.put("DBUS_SESSION_BUS_ADDRESS", session.address());
            FakeBroker broker = FakeBroker.builder(BrokerProfile.V3_0)
                    .account(FakeAccount.of("alice@" + drs.tenantDomain(), drs.tenantId()))
                    .accessTokens((upn, scopes) -> drs.issueAccessToken(upn, scopes.get(0).replace("/.default", "")))
                    .start(session.address());
            try {
                JsonNode n = mapper.readTree(diagnose("--json").out());
                assertEquals(Set.of(), StatusCommandTest.schema().validate(n), n.toPrettyString());
                JsonNode m = null;
                for (JsonNode section : n.get("deviceManagement")) {
                    m = section.path("deviceId").asText().equals(brokers) ? section : m;
                }
                assertEquals("MICROSOFT_BROKER", m.path("source").asText(), n.get("deviceManagement").toString());
                assertEquals("found", m.path("state").asText(), m.toString());
                assertEquals("Workplace", m.at("/device/trustType").asText());
                assertTrue(m.at("/device/isCompliant").asBoolean(), m.toString());
                // the Token Acquisition Test asks for a DRS token first; the Graph token is the last one asked for
                JsonNode request = mapper.readTree(broker.calls().stream()
                        .filter(c -> c.method().equals("acquireTokenSilently")).reduce((x, y) -> y).orElseThrow()
                        .requestJson()).path("authParameters");
                assertEquals("04b07795-8ddb-461a-bbee-02f9e1bf7b46", request.path("clientId").asText());
                assertEquals("00000003-0000-0000-c000-000000000000/.default",
                        request.path("requestedScopes").get(0).asText());
                assertEquals("https://login.microsoftonline.com/" + drs.tenantId(), request.path("authority").asText());
            } finally {
                broker.close();
            }
        }
    }

    /**
     * A join that got a certificate already expired (the emulator issues it so): the certificate rows fail, and the
     * device's TLS to DRS, refused in the handshake (the emulator, as a TLS server does, takes no expired client
     * certificate), fails saying why; the PRT request does not check the certificate's dates, so Graph still answers.
     */
    @Test
    @JoinedExpired
    void anExpiredCertificateFailsItsRowsAndDeviceAuthStatus() throws Exception {
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
