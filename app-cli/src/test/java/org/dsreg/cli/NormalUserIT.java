package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import org.dsreg.testkit.ExternalTools;
import org.dsreg.testkit.drs.DrsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged dsreg as a normal (non-root) user: a full join, status and unregister in a
 * --state-dir of its own; and exit 4 for changing the system state directory. When the tests run
 * as root (as CI does), the commands run as {@code nobody} through {@code setpriv}.
 */
class NormalUserIT {
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final boolean ROOT = new UnixSystem().getUid() == 0;

    @TempDir
    Path dir;
    DrsEmulator drs;
    Path state;
    Path token;
    Path jar;

    @BeforeEach
    void start() throws Exception {
        // everything the user needs must be reachable by it: the temp tree is private by default
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        drs = DrsEmulator.start(Files.createDirectories(dir.resolve("drs")));
        Files.setPosixFilePermissions(dir.resolve("drs"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(drs.caPem(), PosixFilePermissions.fromString("rw-r--r--"));
        token = Files.writeString(dir.resolve("token"), drs.issueAccessToken("admin@" + drs.tenantDomain()));
        state = Files.createDirectories(dir.resolve("home/state"));
        jar = installCopy(Files.createDirectories(dir.resolve("app")));
        if (ROOT) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            for (Path p : List.of(dir.resolve("home"), state, token)) {
                Files.setOwner(p, users.lookupPrincipalByName("nobody"));
            }
        }
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() {
        drs.close();
    }

    private ExternalTools.Result asUser(String... args) {
        List<String> cmd = new ArrayList<>();
        if (ROOT) {
            cmd.addAll(List.of(ExternalTools.require("setpriv", "util-linux").toString(),
                    "--reuid=65534", "--regid=65534", "--clear-groups", "--"));
        }
        cmd.addAll(List.of("env", "-u", "DSREG_STATE_DIR", "-u", "DSREG_ROOT", "HOME=" + dir.resolve("home"),
                "DBUS_SESSION_BUS_ADDRESS=unix:path=" + dir.resolve("no-session-bus"),
                "DBUS_SYSTEM_BUS_ADDRESS=unix:path=" + dir.resolve("no-system-bus"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return ExternalTools.run(cmd);
    }

    @Test
    void aNormalUserJoinsReportsAndUnregistersInItsOwnStateDir() {
        String[] drsArgs = {"--drs-url", drs.baseUrl(), "--trust-ca", drs.caPem().toString(),
            "--state-dir", state.toString()};
        var joined = asUser(concat(new String[] {"--join", "--tenant-id", drs.tenantId(),
            "--token-source", "file:" + token}, drsArgs));
        assertEquals(0, joined.exitCode(), joined.stderr());
        var status = asUser("--status", "--state-dir", state.toString());
        assertEquals(0, status.exitCode(), status.stderr());
        assertTrue(status.stdout().contains("Device Registration Status : Registered"), status.stdout());
        var gone = asUser(concat(new String[] {"--unregister", "--tenant-id", drs.tenantId()}, drsArgs));
        assertEquals(0, gone.exitCode(), gone.stderr());
        assertTrue(asUser("--status", "--state-dir", state.toString()).stdout().contains("Not Registered"));
    }

    @Test
    void changingTheSystemStateDirectoryNeedsRootExitFour() {
        var join = asUser("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + token);
        assertEquals(4, join.exitCode(), join.stderr());
        assertTrue(join.stderr().startsWith("dsreg: joining changes the system registration in /var/lib/dsreg"),
                join.stderr());
        assertTrue(join.stderr().contains("sudo"), join.stderr());
        var unregister = asUser("--unregister", "--tenant-id", drs.tenantId());
        assertEquals(4, unregister.exitCode(), unregister.stderr());
        for (String flag : List.of("--repair", "--forcerecovery")) {
            var repair = asUser(flag, "--tenant-id", drs.tenantId(), "--token-source", "file:" + token);
            assertEquals(4, repair.exitCode(), repair.stderr());
            assertEquals("dsreg: repairing a registration changes the system registration in /var/lib/dsreg, which"
                    + " needs root", repair.stderr().lines().findFirst().orElseThrow(), repair.stderr());
        }
        var rekey = asUser("--rekey", "--tenant-id", drs.tenantId(), "--key-storage", "tpm");
        assertEquals(4, rekey.exitCode(), rekey.stderr());
        assertEquals("dsreg: moving a registration's keys changes the system registration in /var/lib/dsreg, which"
                + " needs root", rekey.stderr().lines().findFirst().orElseThrow(), rekey.stderr());
        assertEquals("", rekey.stdout());
        assertTrue(drs.requests().isEmpty(), "refused at the boundary, before any request");
    }

    /** Runs the packaged CLI as the test's own user (root in CI). */
    private ExternalTools.Result asRoot(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "-u", "DSREG_STATE_DIR", "-u", "DSREG_ROOT",
                "DBUS_SESSION_BUS_ADDRESS=unix:path=" + dir.resolve("no-session-bus"),
                "DBUS_SYSTEM_BUS_ADDRESS=unix:path=" + dir.resolve("no-system-bus"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return ExternalTools.run(cmd);
    }

    @Test
    void aUserReadsRootsStateAndRootRefusesAUsersTree() {
        if (!ROOT && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI runs the integration tests as root");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(ROOT, "two users are needed: run as root");
        Path rootState = dir.resolve("root-state");
        var joined = asRoot("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + token,
                "--drs-url", drs.baseUrl(), "--trust-ca", drs.caPem().toString(), "--state-dir", rootState.toString());
        assertEquals(0, joined.exitCode(), joined.stderr());
        var status = asUser("--status", "--state-dir", rootState.toString());
        assertEquals(0, status.exitCode(), status.stderr());
        assertTrue(status.stdout().contains("Device Registration Status : Registered"), status.stdout());
        var json = asUser("--status", "--json", "--state-dir", rootState.toString());
        assertTrue(json.stdout().contains("permission denied"), "the user cannot read root's keys: " + json.stdout());

        // the user's own tree (home and state owned by nobody): root refuses it, for status too
        var refused = asRoot("--status", "--state-dir", state.toString());
        assertEquals(3, refused.exitCode(), refused.stdout() + refused.stderr());
        Path home = dir.resolve("home");
        assertTrue(refused.stderr().contains(home + " belongs to nobody"), refused.stderr());
        assertTrue(refused.stderr().contains("chown root: " + home), refused.stderr());
    }

    /** The packaged CLI copied where any user can read it (the checkout may be private). */
    private static Path installCopy(Path app) throws java.io.IOException {
        Path lib = Files.createDirectories(app.resolve("lib"));
        try (var jars = Files.list(TARGET.resolve("lib"))) {
            for (Path j : jars.toList()) {
                Files.copy(j, lib.resolve(j.getFileName()));
            }
        }
        Path jar = Files.copy(TARGET.resolve("dsreg.jar"), app.resolve("dsreg.jar"));
        try (var all = Files.walk(app)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return jar;
    }

    @Test
    void aNormalUsersCleanupIsPhaseOneOnlyAndSaysWhatPhaseTwoNeeds() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("home/.cache/microsoft-edge"));
        Files.writeString(cache.resolve("cookies"), "c");
        if (ROOT) {
            var users = dir.getFileSystem().getUserPrincipalLookupService();
            for (Path p : List.of(dir.resolve("home/.cache"), cache, cache.resolve("cookies"))) {
                Files.setOwner(p, users.lookupPrincipalByName("nobody"));
            }
        }
        var r = asUser("--cleanup", "--yes"); // no root prefix: a root prefix would take HOME under it
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(!Files.exists(cache), "the user's cache is gone");
        assertTrue(r.stdout().contains("phase 2") && r.stdout().contains("needs root"), r.stdout());
        assertTrue(r.stdout().contains("--unregister"), r.stdout());

        var system = asUser("--cleanup", "--yes", "--system");
        assertEquals(4, system.exitCode(), system.stderr());
        assertTrue(system.stderr().contains("needs root"), system.stderr());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aUserIsToldRootsPrtsAreShownToRootAndThePrtActionsNeedRoot() throws Exception {
        if (!ROOT && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI runs the integration tests as root");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(ROOT, "two users are needed: run as root");
        Path rootState = dir.resolve("root-prt-state");
        String[] trust = {"--trust-ca", drs.caPem().toString(), "--state-dir", rootState.toString()};
        var joined = asRoot(concat(new String[] {"--join", "--tenant-id", drs.tenantId(), "--token-source",
            "file:" + token, "--drs-url", drs.baseUrl()}, trust));
        assertEquals(0, joined.exitCode(), joined.stderr());
        Path rt = Files.writeString(dir.resolve("root-rt"), drs.issueRefreshToken("alice@" + drs.tenantDomain(),
                PrtJourney.BROKER_CLIENT));
        Files.setPosixFilePermissions(rt, PosixFilePermissions.fromString("rw-------"));
        var acquired = asRoot(concat(new String[] {"--refreshprt", "--tenant-id", drs.tenantId(), "--token-source",
            "refresh-token:" + rt}, trust));
        assertEquals(0, acquired.exitCode(), acquired.stderr());
        assertTrue(asRoot("--status", "--state-dir", rootState.toString()).stdout()
                .matches("(?s).*PRT Present +: YES.*"), "root sees it");

        var status = asUser("--status", "--state-dir", rootState.toString());
        assertEquals(0, status.exitCode(), status.stderr());
        assertTrue(status.stdout().matches("(?s).*PRT Present +: UNKNOWN \\(dsreg's PRTs are shown to root.*"),
                status.stdout());
        assertTrue(!status.stdout().contains("alice@"), "not even the account: " + status.stdout());

        var refresh = asUser("--refreshprt", "--tenant-id", drs.tenantId());
        assertEquals(4, refresh.exitCode(), refresh.stderr());
        assertTrue(refresh.stderr().startsWith("dsreg: refreshing a PRT changes the device's PRTs in /var/lib/dsreg"),
                refresh.stderr());
        var token = asUser("--gettoken", "--tenant-id", drs.tenantId(), "--client-id", PrtJourney.GRAPH_CLIENT,
                "--scope", "https://graph.microsoft.com/.default");
        assertEquals(4, token.exitCode(), token.stderr());
        assertEquals("", token.stdout());
    }
}
