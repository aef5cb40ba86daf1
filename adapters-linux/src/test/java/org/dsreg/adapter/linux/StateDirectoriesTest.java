package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.dsreg.domain.DsregException;
import org.dsreg.port.out.KeyStorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state directory tree: modes, and no symbolic link at any level dsreg creates or walks. */
class StateDirectoriesTest {
    @TempDir
    Path root;

    Path state() {
        return root.resolve("state");
    }

    LinuxPaths paths() {
        return new LinuxPaths(Path.of("/"), state());
    }

    static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aKeyGeneratedFirstLeavesTheStateDirectoryReadableToOtherUsers() throws Exception {
        new SoftwareKeyStorage(paths().stateDir().resolve("keys/software")).generate("device-1");
        new FileRegistrationStore(paths()).save(FileRegistrationStoreTest.registration(UUID.randomUUID()));
        assertEquals("rwxr-xr-x", perms(state()));
        assertEquals("rwxr-xr-x", perms(state().resolve("registrations")));
        assertEquals("rwxr-xr-x", perms(state().resolve("keys")));
        assertEquals("rwx------", perms(state().resolve("keys/software")));
        assertEquals("rw-------", perms(state().resolve("keys/software/device-1.pem")));
    }

    @Test
    void missingParentsAre0755AndOnlyTheDirectoryItselfGetsItsMode() throws Exception {
        Path dir = root.resolve("a/b/c");
        SecureFiles.ensurePrivateDirectory(dir);
        assertEquals("rwxr-xr-x", perms(root.resolve("a")));
        assertEquals("rwxr-xr-x", perms(root.resolve("a/b")));
        assertEquals("rwx------", perms(dir));
    }

    @Test
    void aSymbolicLinkInPlaceOfTheDirectoryIsRefused() throws Exception {
        Path target = Files.createDirectories(root.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(root.resolve("link"), target);
        IOException e = assertThrows(IOException.class, () -> SecureFiles.ensurePrivateDirectory(link));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals("rwxr-xr-x", perms(target), "the link's target is left alone");
    }

    @Test
    void aDanglingSymbolicLinkInPlaceOfAMissingParentIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("a"), root.resolve("nowhere"));
        assertThrows(IOException.class, () -> SecureFiles.ensurePrivateDirectory(root.resolve("a/b")));
        assertFalse(Files.exists(root.resolve("nowhere")));
    }

    @Test
    void aKeysDirectoryThatIsASymbolicLinkIsRefusedAndNothingIsWrittenThere() throws Exception {
        Files.createDirectories(state());
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createSymbolicLink(state().resolve("keys"), elsewhere);
        KeyStorageException e = assertThrows(KeyStorageException.class,
                () -> new SoftwareKeyStorage(paths().stateDir().resolve("keys/software")).generate("device-1"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aStateDirectoryThatIsASymbolicLinkIsRefusedForKeysAndRegistrations() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createSymbolicLink(state(), elsewhere);
        assertThrows(KeyStorageException.class, () -> new SoftwareKeyStorage(paths().stateDir().resolve("keys/software")).generate("device-1"));
        assertThrows(DsregException.class, () -> new FileRegistrationStore(paths())
                .save(FileRegistrationStoreTest.registration(UUID.randomUUID())));
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anExistingKeysDirectoryWeOwnIsClosedToGroupAndOthers() throws Exception {
        Path keys = Files.createDirectories(state().resolve("keys/software"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxrwxrwx"));
        new SoftwareKeyStorage(paths().stateDir().resolve("keys/software")).generate("device-1");
        assertEquals("rwx------", perms(keys));
    }

    @Test
    void anExistingPrivateDirectoryOfAnotherUserIsRefused() throws Exception {
        Path theirs;
        if (new UnixSystem().getUid() == 0) {
            theirs = Files.createDirectories(root.resolve("theirs"));
            Files.setAttribute(theirs, "unix:uid", 65534); // nobody
            Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
        } else {
            theirs = Path.of("/"); // root's
        }
        IOException e = assertThrows(IOException.class, () -> SecureFiles.ensurePrivateDirectory(theirs));
        assertTrue(e.getMessage().contains("another user"), e.getMessage());
    }
}
