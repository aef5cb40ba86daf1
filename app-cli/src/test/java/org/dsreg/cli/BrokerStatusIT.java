package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.dsreg.testkit.dbus.BrokerProfile;
import org.dsreg.testkit.dbus.FakeAccount;
import org.dsreg.testkit.dbus.FakeBroker;
import org.dsreg.testkit.dbus.FakeDeviceBroker;
import org.dsreg.testkit.dbus.FakeSystemd;
import org.dsreg.testkit.dbus.PrivateBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real dsreg command against fake brokers exported on real, private dbus-daemons: a session
 * bus for the user broker and a "system" bus for the device broker and systemd.
 */
class BrokerStatusIT {
    static final String DEVICE_UNIT = "microsoft-identity-device-broker.service";
    static final String DEVICE_BINARY = "/usr/bin/microsoft-identity-device-broker";
    static final Instant INSTALLED = Instant.parse("2025-12-19T14:30:22Z");

    @TempDir
    Path dir;
    StatusFixture fx;
    PrivateBus session;
    PrivateBus system;
    FakeSystemd systemd;
    FakeDeviceBroker deviceBroker;
    FakeBroker broker;
    final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void buses() throws Exception {
        fx = new StatusFixture(dir);
        session = PrivateBus.start(Files.createDirectories(dir.resolve("session")));
        system = PrivateBus.start(Files.createDirectories(dir.resolve("system")));
        fx.env.put("DBUS_SESSION_BUS_ADDRESS", session.address());
        fx.env.put("DBUS_SYSTEM_BUS_ADDRESS", system.address());
        // the device broker as installed by its package: unit file and binary under the root
        Path unitFile = fx.root.resolve("usr/lib/systemd/system/" + DEVICE_UNIT);
        Files.createDirectories(unitFile.getParent());
        Files.writeString(unitFile, "[Service]\nExecStart=" + DEVICE_BINARY + "\n");
        Path binary = fx.root.resolve(DEVICE_BINARY.substring(1));
        Files.createDirectories(binary.getParent());
        Files.writeString(binary, "binary");
        Files.setLastModifiedTime(binary, FileTime.from(INSTALLED));
        systemd = FakeSystemd.builder()
                .unit(DEVICE_UNIT, "loaded", "active", "running", "/usr/lib/systemd/system/" + DEVICE_UNIT)
                .start(system.address());
        deviceBroker = FakeDeviceBroker.start(system.address(), "2.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {broker, deviceBroker, systemd, system, session}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private void userBrokerInstalled() throws Exception {
        Path activation = fx.root.resolve("usr/share/dbus-1/services/com.microsoft.identity.broker1.service");
        Files.createDirectories(activation.getParent());
        Files.writeString(activation, "[D-BUS Service]\nName=com.microsoft.identity.broker1\n");
    }

    private JsonNode json(StatusFixture.Run run) throws Exception {
        JsonNode n = mapper.readTree(run.out());
        assertEquals(java.util.Set.of(), StatusCommandTest.schema().validate(n), run.out());
        return n;
    }

    @ParameterizedTest
    @EnumSource(value = BrokerProfile.class, names = {"V2_0_1", "V2_5_2_ERRORS", "V3_0"})
    void statusShowsBrokerVersionAccountsAndPrt(BrokerProfile profile) throws Exception {
        broker = FakeBroker.start(session.address(), profile);
        var text = fx.run("--status");
        assertEquals(0, text.exitCode(), text.out() + text.err());
        String out = text.out();
        assertTrue(out.matches("(?s).*Broker Version +: " + profile.brokerVersion().replace(".", "\\.") + "\n.*"), out);
        for (FakeAccount a : broker.accounts()) {
            assertTrue(out.contains(a.username()), out);
        }
        String prt = profile == BrokerProfile.V2_5_2_ERRORS ? "NO \\(the broker has no usable PRT: invalid_grant.*"
                : "YES";
        assertTrue(out.matches("(?s).*PRT Present +: " + prt + ".*"), out);
        assertTrue(out.matches("(?s).*PRT Cached At +: UNKNOWN.*") || profile == BrokerProfile.V2_5_2_ERRORS, out);
        assertTrue(out.matches("(?s).*Broker Service State +: active \\(running\\).*"), out);
        assertTrue(out.matches("(?s).*Broker Service Binary Path +: " + DEVICE_BINARY + "\n.*"), out);
        assertTrue(out.contains("Broker Service Binary Timestamp : 2025-12-19 14:30:22 UTC"), out);
        assertTrue(out.matches("(?s).*Device Broker +: reachable \\(version 2\\.0\\.1\\).*"), out);

        JsonNode n = json(fx.run("--json"));
        assertEquals(profile.brokerVersion(), n.at("/broker/version").asText());
        assertEquals("reachable", n.at("/broker/userBroker/state").asText());
        assertEquals(broker.accounts().size(), n.at("/userState/accounts").size());
        assertEquals(profile == BrokerProfile.V2_5_2_ERRORS ? "no" : "yes",
                n.at("/userState/accounts/0/prt/present").asText());
        assertEquals(DEVICE_BINARY, n.at("/broker/deviceService/binaryPath").asText());
        assertEquals(INSTALLED.toString(), n.at("/broker/deviceService/binaryTimestamp").asText());
        // every call carried the protocol version "0.0" and a fresh correlation id
        assertTrue(broker.calls().stream().allMatch(c -> c.protocolVersion().equals("0.0")));
        assertEquals(broker.calls().size(), broker.calls().stream().map(c -> c.correlationId()).distinct().count());
    }

    @Test
    void hangingPrtCallsReturnWithinTheDeadlineWithThePrtUnknown() throws Exception {
        // two accounts, two PRT calls that hang: waiting for each in turn would take twice the deadline
        broker = FakeBroker.builder(BrokerProfile.HANG).accounts(FakeAccount.defaults()).start(session.address());
        var r = fx.run("--status", "--timeout", "2");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        var prtCalls = broker.calls("acquirePrtSsoCookie");
        assertEquals(2, prtCalls.size(), "both PRT calls were made");
        // made together, not the second after the first's deadline (which would put 2 s between them); the time
        // of the whole run is not asserted: a JVM's start on a loaded machine is no part of the deadline's promise
        long apartMs = Math.abs(prtCalls.get(1).receivedNanos() - prtCalls.get(0).receivedNanos()) / 1_000_000;
        assertTrue(apartMs < 1000, "the PRT calls were " + apartMs + " ms apart with a 2 s deadline");
        assertEquals(2, r.out().split("PRT Present +: UNKNOWN \\(no answer", -1).length - 1, r.out());
        assertTrue(r.out().matches("(?s).*Broker Version +: 2\\.0\\.1\n.*"), r.out());
        JsonNode n = json(fx.run("--json", "--timeout", "1"));
        assertEquals("unknown", n.at("/userState/accounts/0/prt/present").asText());
    }

    @Test
    void anAccountsErrorReplyIsExitThreeWithTheBrokersError() throws Exception {
        broker = FakeBroker.start(session.address(), BrokerProfile.ACCOUNTS_ERROR);
        var r = fx.run("--status");
        assertEquals(3, r.exitCode(), r.err());
        assertTrue(r.out().contains("Device State"), "everything else is still printed");
        assertTrue(r.out().contains("internal_error"), r.out());
        assertTrue(r.err().startsWith("dsreg: "), r.err());
        JsonNode n = json(fx.run("--json"));
        assertEquals("error", n.at("/userState/state").asText());
        assertEquals("1234", n.at("/userState/error/errorCode").asText());
    }

    @Test
    void aBrokerStartingUpIsWaitedForWhileItAnswersUnknownObject() throws Exception {
        broker = FakeBroker.builder(BrokerProfile.V2_0_1).exportDelay(Duration.ofMillis(800)).start(session.address());
        var r = fx.run("--status", "--timeout", "5");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*Broker Version +: 2\\.0\\.1\n.*"), r.out());
    }

    @Test
    void aBrokerStillStartingAtTheDeadlineIsShownStartingNotUninstalled() throws Exception {
        // holds its bus name (no package files here, as himmelblau's), its object not exported yet
        broker = FakeBroker.builder(BrokerProfile.V2_0_1).exportDelay(Duration.ofMinutes(5)).start(session.address());
        var r = fx.run("--status", "--timeout", "1");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*User Broker +: STARTING \\(.*UnknownObject.*"), r.out());
        assertTrue(r.out().matches("(?s).*Broker Installed +: YES\n.*"), r.out());
        assertTrue(r.err().contains("Hint: the broker is starting"), r.err());
        assertFalse(r.err().contains("systemctl --user start"), "a starting broker needs no start: " + r.err());
        JsonNode n = json(fx.run("--status", "--json", "--timeout", "1"));
        assertEquals("starting", n.at("/broker/userBroker/state").asText(), n.toString());
        assertTrue(n.at("/broker/userBrokerInstalled").asBoolean(), n.toString());
    }

    @Test
    void anInstalledBrokerThatIsNotRunningIsExitTwoWithTheSeedsHint() throws Exception {
        userBrokerInstalled();
        var r = fx.run("--status", "--timeout", "2");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("Device Registration Status"), "everything known is printed first");
        assertTrue(r.out().matches("(?s).*User Broker +: UNREACHABLE.*"), r.out());
        List<String> err = StatusFixture.lines(r.err());
        assertTrue(err.get(0).startsWith("dsreg: Failed to get broker instance"), r.err());
        assertTrue(r.err().contains("systemctl --user status microsoft-identity-broker"), r.err());
        assertTrue(r.err().contains("systemctl --user start microsoft-identity-broker"), r.err());
    }

    @Test
    void aRunningDeviceBrokerWithoutTheVersionCallIsReachableAndExitZero() throws Exception {
        deviceBroker.close();
        deviceBroker = FakeDeviceBroker.startWithoutVersionCall(system.address());
        var r = fx.run("--status");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*Device Broker +: reachable\n.*"), r.out());
        assertEquals("", r.err());
        assertEquals(1, deviceBroker.calls().size(), "the version was asked for");
        JsonNode n = json(fx.run("--json"));
        assertEquals("reachable", n.at("/broker/deviceBroker/state").asText());
        assertTrue(n.at("/broker/deviceBroker/version").isNull(), n.toString());
    }

    @Test
    void noBrokerInstalledAndNoneRunningIsExitZero() throws Exception {
        deviceBroker.close();
        deviceBroker = null;
        systemd.close();
        systemd = FakeSystemd.builder().start(system.address()); // knows no broker unit
        Files.delete(fx.root.resolve("usr/lib/systemd/system/" + DEVICE_UNIT));
        var r = fx.run("--status");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*Broker Installed +: NO.*"), r.out());
        assertTrue(r.out().matches("(?s).*User Broker +: not installed.*"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void aRunningBrokerWithoutThePackagesFilesCountsAsInstalled() throws Exception {
        // himmelblau's broker owns the user broker's name, but installs none of Microsoft's files
        deviceBroker.close();
        deviceBroker = null;
        systemd.close();
        systemd = FakeSystemd.builder().start(system.address());
        Files.delete(fx.root.resolve("usr/lib/systemd/system/" + DEVICE_UNIT));
        broker = FakeBroker.start(session.address(), BrokerProfile.V2_0_1);
        var r = fx.run("--status");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*Broker Installed +: YES.*"), r.out());
        JsonNode n = json(fx.run("--json"));
        assertTrue(n.at("/broker/installed").asBoolean(), n.toString());
        assertTrue(n.at("/broker/userBrokerInstalled").asBoolean(), "one truth: it answers, so it is installed, whatever"
                + " its files: " + n.at("/broker"));
        assertEquals("reachable", n.at("/broker/userBroker/state").asText(), n.toString());
        assertFalse(n.at("/broker/deviceBrokerInstalled").asBoolean(), "no device broker files, none answering");
    }

    /**
     * The broker answers one call, then drops its name and disconnects. Status asks for the version
     * and the accounts concurrently, so which is answered is a race: the other one (getAccounts,
     * when the version came first) or else the PRT calls, made only once the accounts came back,
     * notice that the broker is gone, by NoReply from the bus (a call in flight) or ServiceUnknown
     * (a later call). Both ways, the broker went away: exit 2. (With more answered calls the fake
     * may answer every remaining concurrent call before it vanishes, and nothing is left to notice.)
     * Repeated, to take both sides of the race.
     */
    @RepeatedTest(4)
    void aBrokerVanishingMidRunEndsTheStatusWithExitTwo() throws Exception {
        userBrokerInstalled();
        broker = FakeBroker.builder(BrokerProfile.V2_0_1).vanishAfterCalls(1).start(session.address());
        long start = System.nanoTime();
        var r = fx.run("--status", "--timeout", "3");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(ms < 3000 + 2500, "took " + ms + " ms");
        assertTrue(broker.hasVanished());
        assertTrue(r.out().matches("(?s).*User Broker +: UNREACHABLE.*"), r.out());
        assertTrue(r.err().startsWith("dsreg: Failed to get broker instance"), r.err());
    }

    @Test
    void getDrsTokenPrintsTheTokenAloneAndAsksForDrs() throws Exception {
        broker = FakeBroker.start(session.address(), BrokerProfile.V2_0_1);
        var several = fx.run("--getdrstoken");
        assertEquals(1, several.exitCode(), "two accounts and no choice: " + several.err());
        assertTrue(several.err().contains("alice@contoso.example") && several.err().contains("--account"), several.err());

        var r = fx.run("--getdrstoken", "--tenant-id", FakeAccount.CONTOSO_TENANT);
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = StatusFixture.lines(r.out());
        assertEquals(1, lines.size(), "the token alone: " + r.out());
        String token = lines.get(0);
        JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("urn:ms-drs:enterpriseregistration.windows.net", claims.get("aud").asText());
        assertEquals("", r.err());

        JsonNode request = broker.calls("acquireTokenSilently").get(0).request().get("authParameters");
        assertEquals("29d9ed98-a469-4536-ade2-f981bc1d605e", request.get("clientId").asText());
        assertEquals("01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9/.default", request.get("requestedScopes").get(0).asText());
        assertEquals("alice@contoso.example", request.get("username").asText());

        var byUpn = fx.run("--getdrstoken", "--account", "bob@fabrikam.example", "--json");
        assertEquals(0, byUpn.exitCode(), byUpn.err());
        JsonNode n = mapper.readTree(byUpn.out());
        assertTrue(n.get("accessToken").asText().split("\\.").length == 3, byUpn.out());
        assertTrue(n.get("expiresOn").asText().endsWith("Z"), byUpn.out());
    }

    @Test
    void getDrsTokenWorksWithBroker3WhoseTokenReplyHasNoAccount() throws Exception {
        broker = FakeBroker.start(session.address(), BrokerProfile.V3_0);
        var r = fx.run("--getdrstoken");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(3, r.out().strip().split("\\.").length, r.out());
    }

    @Test
    void getDrsTokenErrorReplyIsExitThreeWithTheBrokersErrorCode() throws Exception {
        broker = FakeBroker.start(session.address(), BrokerProfile.V2_5_2_ERRORS);
        var r = fx.run("--getdrstoken");
        assertEquals(3, r.exitCode(), r.err());
        assertEquals("", r.out(), "no token, nothing on stdout");
        String err = r.err();
        assertTrue(err.startsWith("dsreg: the identity broker refused acquireTokenSilently: invalid_grant/token_expired"),
                err);
        assertTrue(err.contains("errorCode 700082"), err);
    }

    @Test
    void getDrsTokenWithoutABrokerIsExitTwo() {
        var r = fx.run("--getdrstoken", "--timeout", "1");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("dsreg: "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
