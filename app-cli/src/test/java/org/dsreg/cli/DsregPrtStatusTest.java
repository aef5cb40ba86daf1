package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.BrokerInfo;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.CertificateValidity;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.DomainMembership;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.HostInfo;
import org.dsreg.domain.JoinState;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.KeyProtection;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.KeyStatus;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.RegistrationStatus;
import org.dsreg.domain.ServiceUnit;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Thumbprint;
import org.dsreg.domain.UserState;
import org.junit.jupiter.api.Test;

/** dsreg's own PRTs in every status format: the seed's rows, the last attempt, and why when none shows. */
class DsregPrtStatusTest {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static final String UPN = "alice@contoso.example";
    static final String OID = "0000aaaa-11bb-22cc-33dd-444444eeeeee";
    static final String TOKEN_URL = "https://login.example/" + TENANT + "/oauth2/token";

    /** Cached two days ago, renewed 4 h 15 min ago, expiring in 13 days; its session key in the TPM. */
    static final DsregPrt PRT = new DsregPrt(TENANT, UPN, OID, NOW.minus(Duration.ofDays(2)),
            Optional.of(NOW.plus(Duration.ofDays(13))), Optional.of(NOW.minus(Duration.ofMinutes(255))), 2, "TPM");
    static final PrtAttempt REFUSED = new PrtAttempt(NOW.minus(Duration.ofMinutes(10)), PrtAttempt.Kind.RENEW,
            Optional.of(UPN), false, Optional.of(400), Optional.of("AADSTS70000"),
            Optional.of("AADSTS70000: The provided grant is invalid."), Optional.of("trace-1"),
            Optional.of("corr-1"), TOKEN_URL);

    final ObjectMapper mapper = new ObjectMapper();

    static RegistrationStatus registration(TenantId tenant, RegistrationSource source, PrtRecords prts) {
        byte[] der = ("cert-" + tenant).getBytes(StandardCharsets.US_ASCII);
        CertificateInfo cert = new CertificateInfo("CN=x", "CN=ca", "01", NOW.minus(Duration.ofDays(2)),
                NOW.plus(Duration.ofDays(300)), Thumbprint.ofDer(der), der, der);
        TenantDetails details = new TenantDetails(tenant, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(TOKEN_URL), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        Registration r = new Registration(tenant, new DeviceId(UUID.randomUUID()), JoinType.JOINED, Optional.empty(),
                cert, new KeyRef("tpm", "device"), Optional.empty(), details, Optional.empty(), source);
        return new RegistrationStatus(r, new KeyStatus.Present(new KeyProtection("TPM 2.0", true, ""), true),
                CertificateValidity.VALID, prts);
    }

    static DeviceStatus status(RegistrationStatus... registrations) {
        ServiceUnit unit = new ServiceUnit("x.service", ServiceUnit.Scope.SYSTEM, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        BrokerConnection none = new BrokerConnection.NotInstalled();
        List<RegistrationStatus> list = List.of(registrations);
        return new DeviceStatus(NOW, new HostInfo("h", "Debian 12", "debian", "12"), JoinState.of(
                list.stream().map(RegistrationStatus::registration).toList(), new DomainMembership.NotJoined()), list,
                new BrokerInfo(false, false, none, none, unit, unit, Optional.empty()), new UserState.Known(List.of()),
                List.of());
    }

    static DeviceStatus ours(PrtRecords prts) {
        return status(registration(TENANT, RegistrationSource.DSREG, prts));
    }

    static String render(StatusRenderer renderer, DeviceStatus status) {
        StringWriter out = new StringWriter();
        renderer.render(status, null, new PrintWriter(out));
        return out.toString();
    }

    /** The text section's rows (from the line after its rule to the blank line that ends it). */
    static List<String> textSection(String out, String title) {
        List<String> lines = out.lines().toList();
        int start = lines.indexOf(title);
        assertTrue(start >= 0, out);
        List<String> rows = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }

    static List<String> rows(int width, String... labelsAndValues) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            rows.add(String.format("%-" + width + "s : %s", labelsAndValues[i], labelsAndValues[i + 1]));
        }
        return rows;
    }

    @Test
    void textShowsThePrtInTheSeedsRowsAndTheLastAttemptInDsregcmdsNames() {
        String out = render(new TextRenderer(Style.plain()), ours(new PrtRecords.Known(List.of(PRT),
                Optional.of(REFUSED))));
        assertEquals(rows(24,
                "Account", UPN,
                "PRT Present", "YES",
                "PRT Cached At", "2026-05-30 12:00:00 UTC",
                "PRT Expires On", "2026-06-14 12:00:00 UTC",
                "Last PRT Refresh", "2026-06-01 07:45:00 UTC",
                "PRT Age", "4.25 hours",
                "Session Key Protocol", "AzureAD-SecureConversation KDF v2",
                "Session Key Protection", "TPM",
                "Previous Prt Attempt", "2026-06-01 11:50:00 UTC",
                "Attempt Type", "renew",
                "Attempt Status", "FAILED",
                "User Identity", UPN,
                "HTTP status", "400",
                "Server Error Code", "AADSTS70000",
                "Server Error Description", "AADSTS70000: The provided grant is invalid.",
                "Server Trace ID", "trace-1",
                "Correlation ID", "corr-1",
                "Endpoint URI", TOKEN_URL), textSection(out, "Primary Refresh Token (dsreg)"));
        assertTrue(out.indexOf("Tenant Details") < out.indexOf("Primary Refresh Token (dsreg)"),
                "after its registration's details: " + out);
    }

    @Test
    void textSaysWhyNoPrtShows() {
        assertEquals(rows(11, "PRT Present", "NO (no PRT yet: run 'sudo dsreg --refreshprt --tenant-id " + TENANT
                + "')"), textSection(render(new TextRenderer(Style.plain()), ours(new PrtRecords.Known(List.of(),
                Optional.empty()))), "Primary Refresh Token (dsreg)"));
        assertEquals(rows(11, "PRT Present", "UNKNOWN (dsreg's PRTs are shown to root: run with sudo)"),
                textSection(render(new TextRenderer(Style.plain()), ours(new PrtRecords.RootOnly())),
                        "Primary Refresh Token (dsreg)"));
        assertEquals(rows(11, "PRT Present", "UNKNOWN (dsreg's PRT files cannot be read: x.json is corrupt)"),
                textSection(render(new TextRenderer(Style.plain()), ours(new PrtRecords.Unreadable("x.json is corrupt"))),
                        "Primary Refresh Token (dsreg)"));
    }

    @Test
    void anExpiredPrtIsPresentButSaysSo() {
        DsregPrt expired = new DsregPrt(TENANT, UPN, OID, NOW.minus(Duration.ofDays(20)),
                Optional.of(NOW.minus(Duration.ofDays(6))), Optional.empty(), 1, "software");
        List<String> rows = textSection(render(new TextRenderer(Style.plain()), ours(new PrtRecords.Known(
                List.of(expired), Optional.empty()))), "Primary Refresh Token (dsreg)");
        assertEquals(rows(22, "PRT Present", "YES (expired)", "Last PRT Refresh", "NEVER", "PRT Age", "480.00 hours",
                "Session Key Protocol", "AzureAD-SecureConversation KDF v1", "Session Key Protection", "software"),
                List.of(rows.get(1), rows.get(4), rows.get(5), rows.get(6), rows.get(7)));
    }

    @Test
    void theBrokersRegistrationHasNoDsregPrtSectionAndTheBrokersPrtSectionStaysAsItWas() {
        String out = render(new TextRenderer(Style.plain()), status(registration(TENANT,
                RegistrationSource.MICROSOFT_BROKER, new PrtRecords.NotKept())));
        assertFalse(out.contains("(dsreg)"), out);
        assertEquals(rows(11, "PRT Present", "NO (no account is signed in to the broker)"),
                textSection(out, "Primary Refresh Token"));
        assertFalse(render(new DsregcmdRenderer(), status(registration(TENANT, RegistrationSource.MICROSOFT_BROKER,
                new PrtRecords.NotKept()))).contains("(dsreg)"));
    }

    /** The dsregcmd box's rows, right-aligned as dsregcmd aligns them. */
    static List<String> box(String out, String title) {
        List<String> lines = out.lines().toList();
        int start = lines.indexOf(String.format("| %-68s |", title));
        assertTrue(start >= 0, out);
        List<String> rows = new ArrayList<>();
        for (int i = start + 3; !lines.get(i).equals(DsregcmdRenderer.RULE); i++) {
            rows.add(lines.get(i).strip());
        }
        return rows;
    }

    @Test
    void dsregcmdShowsAnSsoStateBoxPerRegistrationWithDsregcmdsNames() {
        String out = render(new DsregcmdRenderer(), ours(new PrtRecords.Known(List.of(PRT), Optional.of(REFUSED))));
        assertEquals(List.of("TenantId : " + TENANT, "Account : " + UPN, "AzureAdPrt : YES",
                "AzureAdPrtUpdateTime : 2026-06-01 07:45:00.000 UTC", "AzureAdPrtExpiryTime : 2026-06-14 12:00:00.000 UTC",
                "AzureAdPrtAuthority : https://login.example/" + TENANT,
                "SessionKeyProtocol : AzureAD-SecureConversation KDF v2", "SessionKeyProtection : TPM",
                "RefreshPrtDiagnostics : PRESENT", "Previous Prt Attempt : 2026-06-01 11:50:00.000 UTC",
                "Attempt Type : renew", "Attempt Status : FAILED", "User Identity : " + UPN, "HTTP status : 400",
                "Server Error Code : AADSTS70000",
                "Server Error Description : AADSTS70000: The provided grant is invalid.", "Server Trace ID : trace-1",
                "Correlation ID : corr-1", "Endpoint URI : " + TOKEN_URL), box(out, "SSO State (dsreg)"));
        assertTrue(out.contains("\n  Server Error Description : ") && out.contains("\n                AzureAdPrt : YES\n"),
                "labels right-aligned to 26 columns: " + out);
        assertEquals(List.of("TenantId : " + TENANT, "AzureAdPrt : NO (no PRT yet: run 'sudo dsreg --refreshprt"
                + " --tenant-id " + TENANT + "')"), box(render(new DsregcmdRenderer(), ours(new PrtRecords.Known(
                List.of(), Optional.empty()))), "SSO State (dsreg)"));
        assertEquals(List.of("TenantId : " + TENANT, "AzureAdPrt : UNKNOWN (dsreg's PRTs are shown to root: run with"
                + " sudo)"), box(render(new DsregcmdRenderer(), ours(new PrtRecords.RootOnly())), "SSO State (dsreg)"));
    }

    @Test
    void aFirstAcquisitionIsUnderAcquirePrtDiagnostics() {
        PrtAttempt acquired = new PrtAttempt(NOW, PrtAttempt.Kind.ACQUIRE, Optional.empty(), true, Optional.of(200),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("corr-2"), TOKEN_URL);
        List<String> rows = box(render(new DsregcmdRenderer(), ours(new PrtRecords.Known(List.of(PRT),
                Optional.of(acquired)))), "SSO State (dsreg)");
        assertEquals(List.of("AcquirePrtDiagnostics : PRESENT", "Previous Prt Attempt : 2026-06-01 12:00:00.000 UTC",
                "Attempt Type : acquire", "Attempt Status : SUCCEEDED", "HTTP status : 200", "Correlation ID : corr-2",
                "Endpoint URI : " + TOKEN_URL), rows.subList(8, rows.size()));
    }

    JsonNode json(DeviceStatus status) throws Exception {
        JsonNode n = mapper.readTree(render(new JsonRenderer(), status));
        Set<?> errors = StatusCommandTest.schema().validate(n);
        assertEquals(Set.of(), errors, n.toPrettyString());
        return n;
    }

    @Test
    void jsonListsThePrtsAndTheLastAttemptAndSatisfiesTheSchema() throws Exception {
        JsonNode n = json(ours(new PrtRecords.Known(List.of(PRT), Optional.of(REFUSED))));
        assertEquals("1.3", n.get("schemaVersion").asText());
        JsonNode reg = n.at("/registrations/0");
        assertEquals("known", reg.get("prtState").asText());
        assertTrue(reg.get("prtReason").isNull() && reg.get("prtHint").isNull(), reg.toString());
        assertEquals(mapper.readTree("{\"account\":\"" + UPN + "\",\"objectId\":\"" + OID + "\","
                + "\"cachedAt\":\"2026-05-30T12:00:00Z\",\"expiresOn\":\"2026-06-14T12:00:00Z\","
                + "\"lastRefresh\":\"2026-06-01T07:45:00Z\",\"ageSeconds\":15300,\"expired\":false,\"kdfVersion\":2,"
                + "\"sessionKeyProtocol\":\"AzureAD-SecureConversation KDF v2\",\"sessionKeyProtection\":\"TPM\"}"),
                reg.at("/prts/0"));
        assertEquals(1, reg.get("prts").size());
        assertEquals(mapper.readTree("{\"at\":\"2026-06-01T11:50:00Z\",\"kind\":\"renew\",\"account\":\"" + UPN + "\","
                + "\"succeeded\":false,\"httpStatus\":400,\"errorCode\":\"AADSTS70000\","
                + "\"description\":\"AADSTS70000: The provided grant is invalid.\",\"traceId\":\"trace-1\","
                + "\"correlationId\":\"corr-1\",\"endpoint\":\"" + TOKEN_URL + "\"}"), reg.get("lastPrtAttempt"));
    }

    @Test
    void jsonSaysWhyNoPrtIsListedInEveryState() throws Exception {
        JsonNode none = json(ours(new PrtRecords.Known(List.of(), Optional.empty()))).at("/registrations/0");
        assertEquals(List.of("known", "no PRT yet", "run 'sudo dsreg --refreshprt --tenant-id " + TENANT + "'"),
                List.of(none.get("prtState").asText(), none.get("prtReason").asText(), none.get("prtHint").asText()));
        assertTrue(none.get("lastPrtAttempt").isNull());
        JsonNode root = json(ours(new PrtRecords.RootOnly())).at("/registrations/0");
        assertEquals(List.of("root-only", "dsreg's PRTs are shown to root", "run with sudo"),
                List.of(root.get("prtState").asText(), root.get("prtReason").asText(), root.get("prtHint").asText()));
        JsonNode bad = json(ours(new PrtRecords.Unreadable("x.json is corrupt"))).at("/registrations/0");
        assertEquals(List.of("unreadable", "x.json is corrupt"),
                List.of(bad.get("prtState").asText(), bad.get("prtReason").asText()));
        assertTrue(bad.get("prtHint").isNull());
        JsonNode broker = json(status(registration(TENANT, RegistrationSource.MICROSOFT_BROKER,
                new PrtRecords.NotKept()))).at("/registrations/0");
        assertEquals("not-kept", broker.get("prtState").asText());
        assertEquals(0, broker.get("prts").size());
    }

    @Test
    void theSchemaRefusesAPrtStateItDoesNotKnowAndAPrtWithoutItsFields() throws Exception {
        var n = (com.fasterxml.jackson.databind.node.ObjectNode) json(ours(new PrtRecords.Known(List.of(PRT),
                Optional.empty())));
        var reg = (com.fasterxml.jackson.databind.node.ObjectNode) n.at("/registrations/0");
        ((com.fasterxml.jackson.databind.node.ObjectNode) reg.at("/prts/0")).remove("sessionKeyProtection");
        assertFalse(StatusCommandTest.schema().validate(n).isEmpty(), "a PRT without its protection");
        reg.put("prtState", "maybe");
        assertFalse(StatusCommandTest.schema().validate(n).isEmpty(), "an unknown prtState");
        var whole = (com.fasterxml.jackson.databind.node.ObjectNode) json(ours(new PrtRecords.Known(List.of(PRT),
                Optional.of(REFUSED))));
        ((com.fasterxml.jackson.databind.node.ObjectNode) whole.at("/registrations/0")).put("prtState", "root-only");
        assertFalse(StatusCommandTest.schema().validate(whole).isEmpty(), "PRTs listed for PRTs that are not known");
    }

    @Test
    void theSchemaFileNamesTheVersionTheRendererWrites() throws Exception {
        String description = mapper.readTree(Files.readString(StatusCommandTest.SCHEMA)).get("description").asText();
        assertTrue(description.contains("schemaVersion " + JsonRenderer.SCHEMA_VERSION + "."), description);
    }

    @Test
    void prometheusHasPresenceExpiryAgeAndTheLastAttemptPerRegistration() {
        RegistrationStatus rs = registration(TENANT, RegistrationSource.DSREG, new PrtRecords.Known(List.of(PRT),
                Optional.of(REFUSED)));
        Map<String, Double> series = PrometheusFormat.parse(render(new PrometheusRenderer(), status(rs)));
        String reg = "tenant_id=\"" + TENANT + "\",device_id=\"" + rs.registration().deviceId() + "\"";
        String account = reg + ",account=\"" + UPN + "\"";
        assertEquals(1.0, series.get("dsreg_prt_present{" + account + "}"), series.toString());
        assertEquals((double) NOW.plus(Duration.ofDays(13)).getEpochSecond(),
                series.get("dsreg_prt_expiry_timestamp_seconds{" + account + "}"));
        assertEquals(15300.0, series.get("dsreg_prt_age_seconds{" + account + "}"));
        assertEquals(0.0, series.get("dsreg_prt_last_attempt_success{" + reg + ",kind=\"renew\"}"));
        assertEquals((double) REFUSED.at().getEpochSecond(),
                series.get("dsreg_prt_last_attempt_timestamp_seconds{" + reg + ",kind=\"renew\"}"));
    }

    @Test
    void prometheusSaysNoPrtAsZeroAndLeavesOutWhatItCannotRead() {
        RegistrationStatus none = registration(TENANT, RegistrationSource.DSREG, new PrtRecords.Known(List.of(),
                Optional.empty()));
        Map<String, Double> series = PrometheusFormat.parse(render(new PrometheusRenderer(), status(none)));
        assertEquals(0.0, series.get("dsreg_prt_present{tenant_id=\"" + TENANT + "\",device_id=\""
                + none.registration().deviceId() + "\"}"), series.toString());
        for (PrtRecords unknown : List.of(new PrtRecords.RootOnly(), new PrtRecords.Unreadable("x"),
                new PrtRecords.NotKept())) {
            Map<String, Double> left = PrometheusFormat.parse(render(new PrometheusRenderer(),
                    status(registration(TENANT, RegistrationSource.DSREG, unknown))));
            assertFalse(left.keySet().stream().anyMatch(k -> k.startsWith("dsreg_prt_")), left.toString());
        }
    }

    @Test
    void anExpiredPrtIsNotAUsablePrtForPrometheus() {
        DsregPrt expired = new DsregPrt(TENANT, UPN, OID, NOW.minus(Duration.ofDays(20)),
                Optional.of(NOW.minus(Duration.ofDays(6))), Optional.empty(), 2, "TPM");
        RegistrationStatus rs = registration(TENANT, RegistrationSource.DSREG, new PrtRecords.Known(List.of(expired),
                Optional.empty()));
        Map<String, Double> series = PrometheusFormat.parse(render(new PrometheusRenderer(), status(rs)));
        assertEquals(0.0, series.get("dsreg_prt_present{tenant_id=\"" + TENANT + "\",device_id=\""
                + rs.registration().deviceId() + "\",account=\"" + UPN + "\"}"), series.toString());
    }
}
