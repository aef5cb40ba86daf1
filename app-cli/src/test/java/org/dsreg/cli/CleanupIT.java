package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dsreg.domain.CleanupPlan;
import org.dsreg.domain.CleanupReport;
import org.dsreg.domain.CleanupStep;
import org.dsreg.embed.CleanupRequest;
import org.dsreg.embed.Dsreg;
import org.dsreg.embed.DsregSettings;
import org.dsreg.testkit.dbus.BrokerProfile;
import org.dsreg.testkit.dbus.FakeBroker;
import org.dsreg.testkit.dbus.FakeSystemd;
import org.dsreg.testkit.dbus.PrivateBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dsreg --cleanup} end to end: the seed's prompt, phase 1 (the home directory under the
 * root) and phase 2 against a trap tree under a root prefix; the broker's accounts and systemd,
 * which a root prefix leaves alone, against a fake broker and a fake systemd on private buses.
 */
class CleanupIT {
    static final boolean ROOT = new UnixSystem().getUid() == 0;
    static final String UNIT = "microsoft-identity-device-broker.service";

    @TempDir
    Path dir;
    @TempDir
    Path outside;
    StatusFixture fx;
    PrivateBus session;
    PrivateBus system;
    FakeBroker broker;
    FakeSystemd systemd;
    static final String HOME = "/home/alice";
    Path home;
    Path victim;

    @BeforeEach
    void start() throws Exception {
        fx = new StatusFixture(dir);
        session = PrivateBus.start(Files.createDirectories(dir.resolve("session")));
        system = PrivateBus.start(Files.createDirectories(dir.resolve("system")));
        fx.env.put("DBUS_SESSION_BUS_ADDRESS", session.address());
        fx.env.put("DBUS_SYSTEM_BUS_ADDRESS", system.address());
        broker = FakeBroker.start(session.address(), BrokerProfile.V2_0_1);
        systemd = FakeSystemd.builder().unit(UNIT, "loaded", "active", "running", "/lib/systemd/system/" + UNIT)
                .start(system.address());

        home = Files.createDirectories(fx.root.resolve(HOME.substring(1))); // under the root: --root confines
        fx.env.put("HOME", HOME);
        Files.createDirectories(home.resolve(".cache/Microsoft/Edge"));
        Files.writeString(home.resolve(".cache/Microsoft/Edge/cookies"), "c");
        Files.createDirectories(home.resolve(".config/microsoft-identity-broker"));
        Files.writeString(home.resolve(".config/microsoft-identity-broker/account.json"), "{}");
        Files.writeString(home.resolve(".bashrc"), "must survive");

        victim = Files.writeString(outside.resolve("victim"), "precious");
        Path priv = Files.createDirectories(fx.root.resolve("etc/microsoft/identity-broker/private"));
        Path certs = Files.createDirectories(fx.root.resolve("etc/microsoft/identity-broker/certs"));
        Files.writeString(priv.resolve("drs_device"), "key");
        Files.writeString(priv.resolve("other.key"), "must survive");
        Files.createSymbolicLink(priv.resolve("drs_link"), victim);
        Files.writeString(certs.resolve("stk_cert"), "cert");
        Path data = Files.createDirectories(fx.root.resolve("var/lib/microsoft-identity-device-broker/db"));
        Files.writeString(data.resolve("state"), "s");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {broker, systemd, system, session}) {
            c.close();
        }
    }

    /** Every file and link under the home directory and the root, with content: the state to compare. */
    private Map<String, String> files() throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (Path base : new Path[] {fx.root, outside}) {
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path p : walk.toList()) {
                    if (Files.isSymbolicLink(p)) {
                        all.put(p.toString(), "-> " + Files.readSymbolicLink(p));
                    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        all.put(p.toString(), Files.readString(p));
                    }
                }
            }
        }
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"y\n", "Y\n"})
    void onlyYProceeds(String answer) throws Exception {
        var r = fx.runWithInput(answer, true, "--cleanup");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith(CleanupAction.WARNING + "\n" + CleanupAction.QUESTION), r.out());
        // phase 1: the user caches under the root; the running system's broker is not asked (--root confines)
        assertEquals(0, broker.calls("removeAccount").size());
        assertEquals(0, broker.calls("getAccounts").size());
        assertTrue(r.out().contains("[phase 1] remove the identity broker's accounts (removeAccount)\n"
                + "    skipped the root prefix confines the cleanup to " + fx.root + "; this would reach the running system\n"),
                r.out());
        assertFalse(Files.exists(home.resolve(".cache/Microsoft")));
        assertFalse(Files.exists(home.resolve(".config/microsoft-identity-broker")));
        assertTrue(Files.exists(home.resolve(".bashrc")));
        assertTrue(r.out().contains("--unregister"), "it says it does not unregister: " + r.out());
        assertEquals(java.util.List.of(), systemd.stopUnitCalls());
        if (ROOT) {
            assertTrue(r.out().contains("[phase 2] stop " + UNIT + "\n    skipped the root prefix confines"), r.out());
            assertFalse(Files.exists(fx.root.resolve("etc/microsoft/identity-broker/private/drs_device")));
            assertFalse(Files.exists(fx.root.resolve("etc/microsoft/identity-broker/certs/stk_cert")));
            assertFalse(Files.exists(fx.root.resolve("var/lib/microsoft-identity-device-broker")));
        } else {
            assertTrue(r.out().contains("needs root"), r.out());
            assertTrue(Files.exists(fx.root.resolve("etc/microsoft/identity-broker/private/drs_device")));
        }
        assertTrue(Files.exists(fx.root.resolve("etc/microsoft/identity-broker/private/other.key")));
        assertTrue(Files.isSymbolicLink(fx.root.resolve("etc/microsoft/identity-broker/private/drs_link")));
        assertEquals("precious", Files.readString(victim));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes\n", "n\n", "N\n", "\n", "", " no\n"})
    void anythingElseCancelsWithExitEightAndChangesNothing(String answer) throws Exception {
        Map<String, String> before = files();
        var r = fx.runWithInput(answer, true, "--cleanup");
        assertEquals(8, r.exitCode(), "answer '" + answer + "': " + r.out());
        assertEquals(before, files());
        assertEquals(0, broker.calls("removeAccount").size());
        assertEquals(java.util.List.of(), systemd.stopUnitCalls());
    }

    @Test
    void noTerminalCancelsUnlessYesConfirms() throws Exception {
        Map<String, String> before = files();
        var r = fx.runWithInput("y\n", false, "--cleanup");
        assertEquals(8, r.exitCode(), r.err());
        assertTrue(r.err().contains("--yes"), r.err());
        assertEquals(before, files());

        var yes = fx.run(false, "--cleanup", "--yes");
        assertEquals(0, yes.exitCode(), yes.out() + yes.err());
        assertFalse(yes.out().contains(CleanupAction.QUESTION), "--yes does not ask");
        assertFalse(Files.exists(home.resolve(".cache/Microsoft")));
    }

    @Test
    void aDryRunPrintsThePlanAndChangesNothing() throws Exception {
        Map<String, String> before = files();
        var r = fx.run(false, "--cleanup", "--dry-run");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().contains("remove broker account"), "under a root, the broker is not asked: " + r.out());
        assertTrue(r.out().contains("skipped the root prefix confines"), r.out());
        assertTrue(r.out().contains("would remove " + home.resolve(".cache/Microsoft/Edge/cookies")), r.out());
        if (ROOT) {
            assertTrue(r.out().contains("stop " + UNIT), r.out());
            assertTrue(r.out().contains("would remove " + fx.root.resolve("etc/microsoft/identity-broker/private/drs_device")),
                    r.out());
            assertFalse(r.out().contains("drs_link"), "a link is not on the list: " + r.out());
        }
        assertEquals(before, files());
        assertEquals(0, broker.calls("removeAccount").size());
        assertEquals(java.util.List.of(), systemd.stopUnitCalls());
    }

    @Test
    void aStepThatFailsIsExitSevenWithWhatWasAndWasNotRemoved() throws Exception {
        // the certificate directory replaced by a link to somewhere else: not followed, reported
        Path certs = fx.root.resolve("etc/microsoft/identity-broker/certs");
        Files.delete(certs.resolve("stk_cert"));
        Files.delete(certs);
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("drs_not_ours"), "precious");
        Files.createSymbolicLink(certs, elsewhere);
        var r = fx.run(false, "--cleanup", "--yes");
        if (!ROOT) {
            assertEquals(0, r.exitCode(), "phase 2 does not run as a user: " + r.err());
            return;
        }
        assertEquals(7, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("FAILED  " + certs), r.out());
        assertTrue(r.out().contains("removed " + fx.root.resolve("etc/microsoft/identity-broker/private/drs_device")),
                r.out());
        assertTrue(r.err().startsWith("dsreg: cleanup failed: 1 item(s)"), r.err());
        assertEquals("precious", Files.readString(elsewhere.resolve("drs_not_ours")));
    }


    /**
     * What a root prefix skips still works on the running system: the real plan for {@code /},
     * with only its steps that reach the buses (its file steps would be this host's), against the
     * fake broker and the fake systemd.
     */
    @Test
    void onTheRunningSystemTheBrokersAccountsAreRemovedAndTheDeviceBrokerStopped() {
        DsregSettings settings = DsregSettings.defaults().withStateDir(fx.state)
                .withBuses(java.util.Optional.of(session.address()), system.address());
        try (Dsreg dsreg = Dsreg.create(settings)) {
            CleanupPlan plan = dsreg.cleanupPlan(new CleanupRequest(Path.of(HOME), false));
            List<CleanupStep> live = plan.steps().stream().filter(s -> s instanceof CleanupStep.RemoveAccount
                    || s instanceof CleanupStep.StopService).toList();
            assertEquals(ROOT ? 3 : 2, live.size(), plan.steps().toString());
            CleanupReport report = dsreg.cleanup(new CleanupPlan(live, plan.systemPhaseIncluded(), List.of()));
            assertTrue(report.succeeded(), report.toString());
            assertEquals(2, broker.calls("removeAccount").size());
            assertEquals(0, broker.accounts().size());
            assertEquals(ROOT ? List.of(UNIT) : List.of(), systemd.stopUnitCalls());
        }
    }

    @Test
    void theJsonReportGivesEveryStepItsOutcome() throws Exception {
        var plan = fx.run(false, "--cleanup", "--dry-run", "--json");
        assertEquals(0, plan.exitCode(), plan.err());
        JsonNode planned = new ObjectMapper().readTree(plan.out());
        assertTrue(planned.get("dryRun").asBoolean());
        JsonNode cache = step(planned, "remove " + home.resolve(".cache/Microsoft") + " ");
        assertEquals("planned", cache.get("outcome").asText());
        assertEquals(home.resolve(".cache/Microsoft/Edge/cookies").toString(), cache.get("wouldRemove").get(0).asText());

        var r = fx.run(false, "--cleanup", "--yes", "--json");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertFalse(doc.get("dryRun").asBoolean());
        assertTrue(doc.get("succeeded").asBoolean());
        String why = "the root prefix confines the cleanup to " + fx.root + "; this would reach the running system";
        JsonNode accounts = doc.get("steps").get(0);
        assertEquals("remove the identity broker's accounts (removeAccount)", accounts.get("action").asText());
        assertEquals("skipped", accounts.get("outcome").asText());
        assertEquals(why, accounts.get("skipped").asText());
        JsonNode removed = step(doc, "remove " + home.resolve(".cache/Microsoft") + " ");
        assertEquals("done", removed.get("outcome").asText());
        assertTrue(removed.get("removed").toString().contains(home.resolve(".cache/Microsoft/Edge/cookies").toString()));
        if (ROOT) {
            JsonNode stop = step(doc, "stop " + UNIT);
            assertEquals(2, stop.get("phase").asInt());
            assertEquals("skipped", stop.get("outcome").asText());
            assertEquals(why, stop.get("skipped").asText());
            JsonNode keys = step(doc, "remove drs_* and stk_* files in " + fx.root.resolve(
                    "etc/microsoft/identity-broker/private"));
            assertEquals(fx.root.resolve("etc/microsoft/identity-broker/private/drs_link")
                    + ": a symbolic link; not followed, left alone", keys.get("left").get(0).asText());
        }
        assertEquals(0, broker.calls("getAccounts").size());
        assertEquals(List.of(), systemd.stopUnitCalls());
    }

    private static JsonNode step(JsonNode doc, String actionStart) {
        for (JsonNode n : doc.get("steps")) {
            if (n.get("action").asText().startsWith(actionStart)) {
                return n;
            }
        }
        throw new AssertionError("no step '" + actionStart + "' in " + doc);
    }

    /**
     * Issue 11, case 2: {@code R/var/lib} a link to a directory outside R. Neither dsreg's own state
     * directory nor the device broker's data is reached through it; both steps say why.
     */
    @Test
    void aLinkedParentBelowTheRootIsNotFollowedForAnyStep() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(ROOT, "phase 2 runs only as root");
        Path realVarLib = Files.createDirectories(outside.resolve("var-lib"));
        Path foreignState = Files.createDirectories(realVarLib.resolve("dsreg/registrations"));
        Files.writeString(foreignState.resolve("t.json"), "precious");
        Path foreignBroker = Files.createDirectories(realVarLib.resolve("microsoft-identity-device-broker"));
        Files.writeString(foreignBroker.resolve("state"), "precious");
        Path varLib = fx.root.resolve("var/lib");
        deleteTree(varLib);
        Files.createSymbolicLink(varLib, realVarLib);
        fx.env.remove("DSREG_STATE_DIR"); // the default state directory, under the root
        Map<String, String> outsideBefore = filesUnder(outside);

        var r = fx.run(false, "--cleanup", "--yes", "--root", fx.root.toString());

        assertEquals(outsideBefore, filesUnder(outside), "nothing outside the root is touched: " + r.out());
        assertEquals(7, r.exitCode(), r.out() + r.err());
        String why = varLib + " is a symbolic link; not followed";
        assertTrue(r.out().contains("FAILED  " + fx.root.resolve("var/lib/dsreg") + ": " + why), r.out());
        assertTrue(r.out().contains("FAILED  " + fx.root.resolve("var/lib/microsoft-identity-device-broker") + ": "
                + why), r.out());
        assertTrue(Files.isSymbolicLink(varLib));
        assertTrue(r.err().startsWith("dsreg: cleanup failed: 2 item(s)"), r.err());
    }

    private static Map<String, String> filesUnder(Path base) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : walk.toList()) {
                all.put(p.toString(), Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readString(p) : "dir");
            }
        }
        return all;
    }

    private static void deleteTree(Path top) throws IOException {
        try (Stream<Path> walk = Files.walk(top)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
