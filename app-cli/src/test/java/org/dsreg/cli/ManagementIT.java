package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.dsreg.testkit.dbus.BrokerProfile;
import org.dsreg.testkit.dbus.FakeAccount;
import org.dsreg.testkit.dbus.FakeBroker;
import org.dsreg.testkit.dbus.PrivateBus;
import org.dsreg.testkit.drs.ManagementState;
import org.junit.jupiter.api.Test;

/**
 * The Device Management section of --diagnose end to end with software keys: the states of {@link ManagementCase},
 * and what needs no other storage (an OS version that differs, Graph's refusal, no PRT, the Microsoft broker's
 * registration).
 */
class ManagementIT extends ManagementCase {
    @Override
    String storage() {
        return "software";
    }

    @Override
    List<String> storageOptions() {
        return List.of();
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
        join();
        JsonNode n = json();
        assertState(n, "skipped");
        assertEquals("run 'sudo dsreg --refreshprt --tenant-id " + drs.tenantId() + "'",
                n.at("/deviceManagement/0/hint").asText());
        assertResult(n, "Device Object Test", "SKIPPED", "no live PRT");
        assertTrue(drs.requests().stream().noneMatch(r -> r.path().equals("/v1.0/devices")), "Graph not asked");
    }

    @Test
    void theMicrosoftBrokersRegistrationIsLookedUpWithTheUserBrokersToken() throws Exception {
        join();
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
}
