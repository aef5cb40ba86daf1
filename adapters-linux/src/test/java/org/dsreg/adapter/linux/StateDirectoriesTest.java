package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.state.StateTreeException;
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

    SoftwareKeyStorage software() {
        return new SoftwareKeyStorage(new KeyStorageContext(state().resolve("keys/software"), Map.of(), state()));
    }

    static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aKeyGeneratedFirstLeavesTheStateDirectoryReadableToOtherUsers() throws Exception {
        software().generate("device-1");
        new FileRegistrationStore(paths()).save(FileRegistrationStoreTest.registration(UUID.randomUUID()));
        assertEquals("rwxr-xr-x", perms(state()));
        assertEquals("rwxr-xr-x", perms(state().resolve("registrations")));
        assertEquals("rwxr-xr-x", perms(state().resolve("keys")));
        assertEquals("rwx------", perms(state().resolve("keys/software")));
        assertEquals("rw-------", perms(state().resolve("keys/software/device-1.pem")));
    }




    @Test
    void aKeysDirectoryThatIsASymbolicLinkIsRefusedAndNothingIsWrittenThere() throws Exception {
        Files.createDirectories(state());
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createSymbolicLink(state().resolve("keys"), elsewhere);
        StateTreeException e = assertThrows(StateTreeException.class, () -> software().generate("device-1"));
        assertEquals(StateTreeException.Rule.SYMBOLIC_LINK, e.rule());
        assertEquals(state().resolve("keys"), e.path());
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aStateDirectoryThatIsASymbolicLinkIsRefusedForKeysAndRegistrations() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Files.createSymbolicLink(state(), elsewhere);
        assertEquals(StateTreeException.Rule.SYMBOLIC_LINK,
                assertThrows(StateTreeException.class, () -> software().generate("device-1")).rule());
        assertEquals(StateTreeException.Rule.SYMBOLIC_LINK, assertThrows(StateTreeException.class,
                () -> new FileRegistrationStore(paths()).save(FileRegistrationStoreTest.registration(UUID.randomUUID())))
                .rule());
        assertEquals(StateTreeException.Rule.SYMBOLIC_LINK,
                assertThrows(StateTreeException.class, () -> new FileRegistrationStore(paths()).list()).rule());
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void anExistingKeysDirectoryWeOwnIsClosedToGroupAndOthers() throws Exception {
        Path keys = Files.createDirectories(state().resolve("keys/software"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
        software().generate("device-1");
        assertEquals("rwx------", perms(keys));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(StateTreeException.Rule.WRITABLE_BY_OTHERS,
                assertThrows(StateTreeException.class, () -> software().generate("device-2")).rule());
        assertEquals("rwxrwxrwx", perms(keys), "refused, not silently changed");
    }

}
