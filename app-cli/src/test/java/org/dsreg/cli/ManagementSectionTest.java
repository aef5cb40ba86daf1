package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceManagement;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
import org.dsreg.domain.ManagementCheck;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.TenantId;
import org.junit.jupiter.api.Test;

/** The Device Management sections of --diagnose in every format, and the WARN verdict. */
class ManagementSectionTest {
    static final TenantId TENANT = DsregPrtStatusTest.TENANT;
    static final DeviceId DEVICE = DeviceId.parse("11112222-3333-4444-5555-666677778888");
    static final DeviceId BROKERS = DeviceId.parse("99992222-3333-4444-5555-666677778888");
    static final DeviceManagement DEVICE_STATE = new DeviceManagement("obj-1", Optional.of(false), Optional.of(true),
            Optional.of(false), Optional.of("AzureAd"), Optional.of("MDM"),
            Optional.of(DeviceManagement.INTUNE_APP_ID), Optional.of(Instant.parse("2026-05-30T08:00:00Z")),
            Optional.empty(), Optional.of("Linux"), Optional.of("Debian GNU/Linux 11 (bullseye)"));

    final ObjectMapper mapper = new ObjectMapper();

    static Diagnostics diagnostics() {
        String scope = "device " + DEVICE;
        return new Diagnostics(List.of(
                new Diagnostics.Result(scope, "Device Object Test", Outcome.PASS, "Microsoft Graph has it"),
                new Diagnostics.Result(scope, "Device Enabled Test", Outcome.FAIL, "the device is disabled",
                        Optional.of(Remedy.say("an administrator can enable it"))),
                new Diagnostics.Result(scope, "OS Version Test", Outcome.WARN, "Entra records another",
                        Optional.of(Remedy.say("a point release changes it"))),
                new Diagnostics.Result("device " + BROKERS, "Device Object Test", Outcome.SKIPPED, "no token",
                        Optional.of(new Remedy.RunAsRoot()))),
                List.of(new ManagementCheck(TENANT, DEVICE, RegistrationSource.DSREG,
                                new ManagementCheck.Found(DEVICE_STATE)),
                        new ManagementCheck(TENANT, BROKERS, RegistrationSource.MICROSOFT_BROKER,
                                new ManagementCheck.Skipped("no token", Optional.of(new Remedy.RunAsRoot())))));
    }

    static String render(StatusRenderer renderer) {
        DeviceStatus status = DsregPrtStatusTest.ours(new PrtRecords.Known(List.of(), Optional.empty()));
        StringWriter out = new StringWriter();
        renderer.render(status, diagnostics(), new PrintWriter(out));
        return out.toString();
    }

    @Test
    void textShowsGraphsRecordInRowsAndTheVerdictsWithWarn() {
        String out = render(new TextRenderer(Style.plain()));
        assertEquals(DsregPrtStatusTest.rows(21,
                "Registered By", "dsreg",
                "Object ID", "obj-1",
                "AccountEnabled", "NO",
                "IsManaged", "YES",
                "IsCompliant", "NO",
                "TrustType", "AzureAd",
                "ManagementType", "MDM",
                "ManagementApp", "Microsoft Intune",
                "ApproximateLastSignIn", "2026-05-30 08:00:00 UTC",
                "ComplianceExpiration", "UNKNOWN",
                "OS", "Linux",
                "OSVersion", "Debian GNU/Linux 11 (bullseye)"),
                DsregPrtStatusTest.textSection(out, "Device Management (device " + DEVICE + ")"));
        assertEquals(DsregPrtStatusTest.rows(13,
                "Registered By", "Microsoft identity broker",
                "Device Object", "SKIPPED (no token; run with sudo)"),
                DsregPrtStatusTest.textSection(out, "Device Management (device " + BROKERS + ")"));
        assertTrue(out.contains("OS Version Test     : WARN (Entra records another; a point release changes it)"), out);
        assertTrue(out.contains("Device Enabled Test : FAIL [the device is disabled; an administrator can enable it]"),
                out);
    }

    @Test
    void dsregcmdBoxesTheSameRows() {
        String out = render(new DsregcmdRenderer());
        assertTrue(out.contains("| Device Management (device " + DEVICE + ")"), out);
        assertTrue(out.contains(String.format("%26s : %s", "ManagementApp", "Microsoft Intune")), out);
        assertTrue(out.contains(String.format("%26s : %s", "OS Version Test",
                "WARN [Entra records another; a point release changes it]")), out);
    }

    @Test
    void jsonListsTheSectionsAndSatisfiesTheSchema() throws Exception {
        JsonNode n = mapper.readTree(render(new JsonRenderer()));
        Set<?> errors = StatusCommandTest.schema().validate(n);
        assertEquals(Set.of(), errors, n.toPrettyString());
        assertEquals("1.3", n.get("schemaVersion").asText());
        assertEquals(mapper.readTree("""
            [{"tenantId":"%1$s","deviceId":"%2$s","source":"DSREG","state":"found","reason":null,"hint":null,
              "device":{"objectId":"obj-1","accountEnabled":false,"isManaged":true,"isCompliant":false,
                "trustType":"AzureAd","managementType":"MDM","mdmAppId":"0000000a-0000-0000-c000-000000000000",
                "managementApp":"Microsoft Intune","approximateLastSignIn":"2026-05-30T08:00:00Z",
                "complianceExpiration":null,"operatingSystem":"Linux",
                "operatingSystemVersion":"Debian GNU/Linux 11 (bullseye)"}},
             {"tenantId":"%1$s","deviceId":"%3$s","source":"MICROSOFT_BROKER","state":"skipped","reason":"no token",
              "hint":"run with sudo","device":null}]""".formatted(TENANT, DEVICE, BROKERS)),
                n.get("deviceManagement"));
        assertEquals("WARN", n.at("/diagnostics/2/result").asText());
    }

    @Test
    void theSchemaRefusesAnUnknownStateAndAMissingDevice() throws Exception {
        JsonNode n = mapper.readTree(render(new JsonRenderer()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) n.at("/deviceManagement/1")).put("state", "gone");
        assertEquals(1, StatusCommandTest.schema().validate(n).size());
        ((com.fasterxml.jackson.databind.node.ObjectNode) n.at("/deviceManagement/1")).put("state", "skipped")
                .remove("device");
        assertEquals(1, StatusCommandTest.schema().validate(n).size());
    }

    @Test
    void prometheusHasTheDevicesStateAndTheWarnResult() {
        String out = render(new PrometheusRenderer());
        String labels = "{tenant_id=\"" + TENANT + "\",device_id=\"" + DEVICE + "\"}";
        assertTrue(out.contains("dsreg_device_enabled" + labels + " 0\n"), out);
        assertTrue(out.contains("dsreg_device_managed" + labels + " 1\n"), out);
        assertTrue(out.contains("dsreg_device_compliant" + labels + " 0\n"), out);
        assertTrue(out.contains("dsreg_diagnostic{test=\"OS Version Test\",scope=\"device " + DEVICE
                + "\",result=\"WARN\"} 1\n"), out);
        assertTrue(!out.contains("device_id=\"" + BROKERS + "\""), "nothing invented for a skipped lookup");
    }
}
