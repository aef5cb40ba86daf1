package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.dsreg.domain.CleanupPlan;
import org.dsreg.domain.CleanupReport;
import org.dsreg.domain.CleanupStep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phase 2's removals in a trap tree: only drs_/stk_ regular files and the named trees go; every trap target stays. */
class SecureCleanupFilesTest {
    @TempDir
    Path root;
    @TempDir
    Path outside;
    final SecureCleanupFiles files = new SecureCleanupFiles();
    Path privateDir;
    Path certs;
    Path victim;
    Path victimDir;

    @BeforeEach
    void trapTree() throws Exception {
        privateDir = Files.createDirectories(root.resolve("etc/microsoft/identity-broker/private"));
        certs = Files.createDirectories(root.resolve("etc/microsoft/identity-broker/certs"));
        victim = Files.writeString(outside.resolve("victim.key"), "precious");
        victimDir = Files.createDirectories(outside.resolve("victim-dir"));
        Files.writeString(victimDir.resolve("drs_inside"), "precious too");

        Files.writeString(privateDir.resolve("drs_device"), "key");
        Files.writeString(privateDir.resolve("stk_transport"), "key");
        Files.writeString(privateDir.resolve("other.key"), "must survive");
        Files.writeString(privateDir.resolve("drs_"), "no suffix: must survive");
        Files.createSymbolicLink(privateDir.resolve("drs_link"), victim);
        Path readOnly = Files.writeString(privateDir.resolve("drs_readonly"), "key");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
        Path foreign = Files.writeString(privateDir.resolve("stk_foreign"), "key");
        if (new UnixSystem().getUid() == 0) {
            Files.setOwner(foreign, root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        }
        Files.writeString(certs.resolve("drs_cert"), "cert");
        Files.writeString(certs.resolve("ca.pem"), "must survive");
        Files.createDirectories(certs.resolve("drs_directory"));
        Files.writeString(certs.resolve("drs_directory/drs_nested"), "must survive: not directly in certs");
        Files.createSymbolicLink(certs.resolve("drs_linked_dir"), victimDir);
    }

    CleanupStep.RemoveDeviceFiles step(String relative) {
        return new CleanupStep.RemoveDeviceFiles(root.toString(), relative, CleanupPlan.DEVICE_FILE_PREFIXES, "test");
    }

    @Test
    void onlyRegularDrsAndStkFilesDirectlyInTheDirectoriesGo() throws Exception {
        CleanupReport.StepResult p = files.remove(step(CleanupPlan.PRIVATE_KEYS_DIR));
        CleanupReport.StepResult c = files.remove(step(CleanupPlan.CERTS_DIR));
        assertEquals(List.of(), p.failed());
        assertEquals(List.of(), c.failed());
        try (var left = Files.list(privateDir)) {
            assertEquals(List.of("drs_", "drs_link", "other.key"),
                    left.map(x -> x.getFileName().toString()).sorted().toList());
        }
        try (var left = Files.list(certs)) {
            assertEquals(List.of("ca.pem", "drs_directory", "drs_linked_dir"),
                    left.map(x -> x.getFileName().toString()).sorted().toList());
        }
        assertEquals(4, p.removed().size(), p.toString()); // drs_device, stk_transport, drs_readonly, stk_foreign
        assertTrue(p.left().stream().anyMatch(l -> l.contains("drs_link") && l.contains("symbolic link")), p.toString());
        assertTrue(Files.isSymbolicLink(privateDir.resolve("drs_link")));
        assertEquals("precious", Files.readString(victim));
        assertEquals("precious too", Files.readString(victimDir.resolve("drs_inside")));
        assertTrue(Files.exists(certs.resolve("drs_directory/drs_nested")));
    }

    @Test
    void aDryRunListsTheSameFilesAndRemovesNothing() {
        List<String> preview = files.preview(step(CleanupPlan.PRIVATE_KEYS_DIR));
        assertEquals(4, preview.size(), preview.toString());
        assertTrue(Files.exists(privateDir.resolve("drs_device")));
    }

    @Test
    void aFileSwappedForALinkAfterThePlanIsNotFollowed() throws Exception {
        List<String> planned = files.preview(step(CleanupPlan.CERTS_DIR));
        assertTrue(planned.contains(certs.resolve("drs_cert").toString()), planned.toString());
        Files.delete(certs.resolve("drs_cert"));
        Files.createSymbolicLink(certs.resolve("drs_cert"), victim); // the swap
        CleanupReport.StepResult r = files.remove(step(CleanupPlan.CERTS_DIR));
        assertEquals("precious", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(certs.resolve("drs_cert")), "left as it is, and not followed");
        assertTrue(r.left().stream().anyMatch(l -> l.contains("drs_cert")), r.toString());
    }

    @Test
    void aSymlinkedKeyDirectoryIsNotEntered() throws Exception {
        Path linkedCerts = root.resolve("etc/microsoft/identity-broker/certs");
        for (Path p : List.of(certs.resolve("drs_cert"), certs.resolve("ca.pem"), certs.resolve("drs_linked_dir"),
                certs.resolve("drs_directory/drs_nested"), certs.resolve("drs_directory"))) {
            Files.delete(p);
        }
        Files.delete(certs);
        Files.createSymbolicLink(linkedCerts, victimDir);
        CleanupReport.StepResult r = files.remove(step(CleanupPlan.CERTS_DIR));
        assertEquals(1, r.failed().size(), r.toString());
        assertTrue(r.failed().get(0).contains("symbolic link"), r.failed().toString());
        assertEquals("precious too", Files.readString(victimDir.resolve("drs_inside")));
    }

    @Test
    void treesAreRemovedWithoutFollowingLinksInsideOrAtTheTop() throws Exception {
        Path data = Files.createDirectories(root.resolve(CleanupPlan.DEVICE_BROKER_DATA));
        Files.createDirectories(data.resolve("a/b"));
        Files.writeString(data.resolve("a/b/state.db"), "x");
        Files.createSymbolicLink(data.resolve("a/escape"), victimDir);
        Files.createSymbolicLink(data.resolve("a/file-link"), victim);
        CleanupReport.StepResult r = files.remove(new CleanupStep.RemoveTree(CleanupStep.Phase.SYSTEM,
                root.toString(), CleanupPlan.DEVICE_BROKER_DATA, "test"));
        assertEquals(List.of(), r.failed());
        assertFalse(Files.exists(data, LinkOption.NOFOLLOW_LINKS));
        assertEquals("precious", Files.readString(victim));
        assertEquals("precious too", Files.readString(victimDir.resolve("drs_inside")));

        // a tree that is itself a link is left, and its target kept
        Path home = Files.createDirectories(root.resolve("home"));
        Files.createDirectories(home.resolve(".cache"));
        Files.createSymbolicLink(home.resolve(".cache/Microsoft"), victimDir);
        CleanupReport.StepResult link = files.remove(new CleanupStep.RemoveTree(CleanupStep.Phase.USER,
                home.toString(), ".cache/Microsoft", "test"));
        assertTrue(link.left().get(0).contains("symbolic link"), link.toString());
        assertTrue(Files.exists(victimDir.resolve("drs_inside")));
    }

    @Test
    void aFileWhereATreeShouldBeIsNeverRemoved() throws Exception {
        Path file = Files.writeString(Files.createDirectories(root.resolve("var/lib")).resolve("dsreg"), "not state");
        CleanupReport.StepResult r = files.remove(new CleanupStep.RemoveTree(CleanupStep.Phase.SYSTEM,
                root.toString(), "var/lib/dsreg", "test"));
        assertEquals(List.of(file + ": not a directory; not removed"), r.failed());
        assertEquals(List.of(), r.removed());
        assertEquals("not state", Files.readString(file));
        assertTrue(files.isOtherThanADirectory(file.toString()));
        assertFalse(files.isOtherThanADirectory(file.getParent().toString()));
        assertFalse(files.isOtherThanADirectory(root.resolve("nothing").toString()));
        Path link = Files.createSymbolicLink(root.resolve("link"), file);
        assertFalse(files.isOtherThanADirectory(link.toString()), "a link is the steps' business: left alone");
    }

    @Test
    void reasonsAreWordsNeverJavaNames() {
        assertEquals("permission denied", SecureCleanupFiles.reason(new java.nio.file.AccessDeniedException("/x")));
        assertEquals("not empty (something was added meanwhile)",
                SecureCleanupFiles.reason(new java.nio.file.DirectoryNotEmptyException("/x")));
        assertEquals("Read-only file system",
                SecureCleanupFiles.reason(new java.nio.file.FileSystemException("/x", null, "Read-only file system")));
        assertEquals("input/output error", SecureCleanupFiles.reason(new java.io.IOException()));
        assertEquals("input/output error", SecureCleanupFiles.reason(new java.io.IOException("java.io.IOException: x")));
    }

    @Test
    void aMissingTreeOrDirectoryIsNothingToDo() {
        var r = files.remove(new CleanupStep.RemoveTree(CleanupStep.Phase.USER, root.toString(), ".cache/nothing", "t"));
        assertEquals(List.of(), r.removed());
        assertEquals(List.of(), r.failed());
        var d = files.remove(new CleanupStep.RemoveDeviceFiles(root.resolve("nowhere").toString(), "x",
                CleanupPlan.DEVICE_FILE_PREFIXES, "t"));
        assertEquals(List.of(), d.failed());
    }
}
