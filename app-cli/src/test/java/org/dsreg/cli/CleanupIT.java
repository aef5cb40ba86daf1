package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
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
 * {@code dsreg --cleanup} end to end: the seed's prompt, phase 1 against a fake broker on a
 * private session bus, phase 2 against a trap tree under --root and a fake systemd.
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

        home = Files.createDirectories(dir.resolve("home"));
        fx.env.put("HOME", home.toString());
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
        for (Path base : new Path[] {home, fx.root, outside}) {
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
        assertTrue(r.out().startsWith(DsregCommand.CLEANUP_WARNING + "\n" + DsregCommand.CLEANUP_QUESTION), r.out());
        // phase 1: the broker's accounts and the user caches
        assertEquals(0, broker.accounts().size(), "removeAccount for every account");
        assertEquals(2, broker.calls("removeAccount").size());
        assertFalse(Files.exists(home.resolve(".cache/Microsoft")));
        assertFalse(Files.exists(home.resolve(".config/microsoft-identity-broker")));
        assertTrue(Files.exists(home.resolve(".bashrc")));
        assertTrue(r.out().contains("--unregister"), "it says it does not unregister: " + r.out());
        if (ROOT) {
            assertEquals(java.util.List.of(UNIT), systemd.stopUnitCalls());
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
        assertFalse(yes.out().contains(DsregCommand.CLEANUP_QUESTION), "--yes does not ask");
        assertFalse(Files.exists(home.resolve(".cache/Microsoft")));
    }

    @Test
    void aDryRunPrintsThePlanAndChangesNothing() throws Exception {
        Map<String, String> before = files();
        var r = fx.run(false, "--cleanup", "--dry-run");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("remove broker account alice@contoso.example"), r.out());
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
}
