package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dsreg.testkit.drs.DrsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state directory as a trust boundary, through the real command after a real join: a link,
 * a foreign owner, a world-writable directory or a file where a directory of ours should be is
 * exit 3 naming the path, for every action, and nothing outside the tree is read or removed.
 */
class StateTreeIT {
    @TempDir
    Path dir;
    StatusFixture fx;
    DrsEmulator drs;
    Path tokenFile;

    @BeforeEach
    void joined() throws Exception {
        fx = new StatusFixture(dir);
        drs = DrsEmulator.builder().pollInterval(Duration.ofMillis(1000)).pendingPolls(1)
                .start(Files.createDirectories(dir.resolve("drs")));
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, drs.issueAccessToken("admin@" + drs.tenantDomain()) + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        StatusFixture.Run join = join();
        assertEquals(0, join.exitCode(), join.err());
    }

    @AfterEach
    void stop() {
        drs.close();
    }

    private StatusFixture.Run dsreg(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--drs-url", drs.baseUrl(), "--trust-ca", drs.caPem().toString(), "--timeout", "10"));
        return fx.run(all.toArray(String[]::new));
    }

    private StatusFixture.Run join() {
        return dsreg("--join", "--tenant-id", drs.tenantId(), "--token-source", "file:" + tokenFile);
    }

    private StatusFixture.Run unregister() {
        return dsreg("--unregister", "--tenant-id", drs.tenantId());
    }

    /** Moves {@code <state>/<name>} outside the tree and puts a link to it in its place; the target. */
    private Path replaceWithLink(String name) throws IOException {
        Path target = dir.resolve("outside-" + name.replace('/', '-'));
        Files.move(fx.state.resolve(name), target);
        Files.createSymbolicLink(fx.state.resolve(name), target);
        return target;
    }

    private static List<String> files(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void refused(StatusFixture.Run run, Path named, String why) {
        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().startsWith("dsreg: "), run.err());
        assertTrue(run.err().contains(named.toString()) && run.err().contains(why), run.err());
        assertTrue(!run.err().contains("Exception") && !run.err().contains("org.dsreg"), run.err());
    }

    @Test
    void registrationsAsALinkIsRefusedByEveryActionAndItsTargetIsUntouched() throws Exception {
        Path target = replaceWithLink("registrations");
        List<String> before = files(target);
        Path link = fx.state.resolve("registrations");
        refused(fx.run("--status"), link, "symbolic link");
        refused(fx.run("--status", "--json"), link, "symbolic link");
        refused(join(), link, "symbolic link");
        refused(unregister(), link, "symbolic link");
        assertEquals(before, files(target), "the registration file in the link's target is still there");
        assertEquals(1, drs.devices().size(), "DRS was not asked to delete the device");
    }

    @Test
    void softwareKeysAsALinkAreNeitherReadNorDeleted() throws Exception {
        Path target = replaceWithLink("keys/software");
        List<String> before = files(target);
        Path link = fx.state.resolve("keys/software");
        refused(fx.run("--status"), link, "symbolic link");
        refused(unregister(), link, "symbolic link");
        assertEquals(before, files(target), "device-* and transport-* in the target are still there");
        assertEquals(1, drs.devices().size());
    }

    @Test
    void aStateDirectoryThatIsALinkIsRefusedByStatusDiagnoseAndJoin() throws Exception {
        Path target = dir.resolve("real-state");
        Files.move(fx.state, target);
        Files.createSymbolicLink(fx.state, target);
        refused(fx.run("--status"), fx.state, "symbolic link");
        refused(dsreg("--diagnose"), fx.state, "symbolic link");
        refused(join(), fx.state, "symbolic link");
        assertTrue(Files.isDirectory(target.resolve("registrations")));
    }

    @Test
    void aStateDirectoryThatIsAFileIsNotADirectoryForStatusToo() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        fx.env.put("DSREG_STATE_DIR", file.toString());
        refused(fx.run("--status"), file, "not a directory");
        refused(dsreg("--diagnose"), file, "not a directory");
        refused(join(), file, "not a directory");
        fx.env.put("HOME", "/home/alice");
        refused(fx.run("--cleanup", "--yes"), file, "not a directory");
        assertEquals("x", Files.readString(file), "cleanup never removes a file in place of the state directory");
    }

    @Test
    void aWorldWritableStateDirectoryIsRefusedAndLeftAsItWas() throws Exception {
        Files.setPosixFilePermissions(fx.state, PosixFilePermissions.fromString("rwxrwxrwx"));
        refused(fx.run("--status"), fx.state, "writable by group or others");
        StatusFixture.Run u = unregister();
        refused(u, fx.state, "writable by group or others");
        assertTrue(u.err().contains("chmod go-w " + fx.state), u.err());
        assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.state)));
        assertEquals(1, drs.devices().size());
    }

    @Test
    void aKeysDirectoryAnotherUserOwnsIsRefusedByRoot() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI runs the integration tests as root");
        }
        Assumptions.assumeTrue(root, "giving a directory to another user needs root");
        Files.setAttribute(fx.state.resolve("keys"), "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        StatusFixture.Run status = fx.run("--status");
        refused(status, fx.state.resolve("keys"), "neither root nor the user running dsreg");
        assertTrue(status.err().contains("chown root: " + fx.state.resolve("keys")), status.err());
        refused(unregister(), fx.state.resolve("keys"), "neither root nor the user running dsreg");
        assertEquals(1, drs.devices().size());
    }

    @Test
    void keysLeftByAnInterruptedJoinAreListedThenRemovedByTheNextRunThatTakesTheLock() throws Exception {
        Path keys = fx.state.resolve("keys/software");
        Path intents = fx.state.resolve("intents");
        Files.createDirectories(intents);
        Files.writeString(keys.resolve("device-leftover.pem"), "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(keys.resolve("device-leftover.pem"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(intents.resolve("0b9e1d8e-1111-2222-3333-444455556666.json"), "{\"formatVersion\":1,"
                + "\"purpose\":\"key software:device-leftover\",\"at\":\"2026-12-01T00:00:00Z\","
                + "\"keys\":[{\"storage\":\"software\",\"alias\":\"device-leftover\"}]}");
        StatusFixture.Run status = fx.run("--status");
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("software:device-leftover"), status.out());
        StatusFixture.Run u = unregister();
        assertEquals(0, u.exitCode(), u.err());
        assertEquals(List.of(), files(keys), "the leftover went with the lock, the device's keys with the device");
        assertEquals(List.of(), files(intents));
        assertTrue(!fx.run("--status").out().contains("device-leftover"));
    }
}
