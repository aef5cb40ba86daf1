package org.dsreg.spi.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.ErrorKind;
import org.dsreg.spi.state.StateTreeException.Rule;
import org.dsreg.domain.Remedy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The state tree's rules, each on a real tree: links, owners, modes, kinds of file. */
class StateTreeTest {
    private static final byte[] DATA = "data".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private Path state() {
        return tmp.resolve("state");
    }

    private StateTree tree() {
        return new StateTree(state());
    }

    static Rule broken(Executable action) {
        return assertThrows(StateTreeException.class, action).rule();
    }

    /** Making another user's files needs root; CI runs as root, so there this never skips. */
    static void needRoot() {
        boolean root = StateTree.Owners.weAreRoot();
        if (!root && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI runs these tests as root");
        }
        Assumptions.assumeTrue(root, "needs root to give a file to another user");
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aMissingStateDirectoryIsEmptyAndCreatedWithItsMode() throws Exception {
        assertTrue(tree().open(state()).isEmpty());
        try (StateDirectory dir = tree().create(state().resolve("a/b"), StateDirectory.DIR_0700)) {
            assertEquals(state().resolve("a/b"), dir.path());
        }
        assertEquals("rwxr-xr-x", perms(state()));
        assertEquals("rwx------", perms(state().resolve("a/b")));
    }

    @Test
    void theStateDirectoryAsALinkIsRefusedForReadingAndWriting() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(state(), elsewhere);
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> tree().open(state())));
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> tree().create(state(), StateDirectory.DIR_0755)));
        StateTreeException e = assertThrows(StateTreeException.class, () -> tree().open(state()));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals(state(), e.path());
        assertEquals(Optional.of(Remedy.say("remove the link (rm " + state() + ") and run dsreg again")), e.remedy());
    }

    @Test
    void aLinkInsideTheStateDirectoryIsNeverFollowed() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("victim.json"), "{}");
        Files.createDirectories(state());
        Files.createSymbolicLink(state().resolve("registrations"), elsewhere);
        try (StateDirectory dir = tree().open(state()).orElseThrow()) {
            assertEquals(Rule.SYMBOLIC_LINK, broken(() -> dir.directory("registrations")));
            assertEquals(Rule.SYMBOLIC_LINK, broken(() -> dir.createDirectory("registrations", StateDirectory.DIR_0755)));
            assertEquals(Rule.SYMBOLIC_LINK, broken(() -> dir.exists("registrations")));
        }
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> tree().open(state().resolve("registrations"))));
        assertTrue(Files.exists(elsewhere.resolve("victim.json")));
    }

    @Test
    void aLinkedFileIsNeitherReadNorDeletedAndItsTargetStays() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim"), "secret");
        Files.createDirectories(state());
        Files.createSymbolicLink(state().resolve("key.pem"), victim);
        try (StateDirectory dir = tree().open(state()).orElseThrow()) {
            assertEquals(Rule.SYMBOLIC_LINK, broken(() -> dir.read("key.pem")));
            assertEquals(Rule.SYMBOLIC_LINK, broken(() -> dir.readPrivate("key.pem")));
            assertEquals(Rule.SYMBOLIC_LINK, broken(() -> dir.delete("key.pem")));
            assertFalse(dir.create("key.pem", DATA, StateDirectory.FILE_0600), "a link holds the name");
        }
        assertEquals("secret", Files.readString(victim));
        assertTrue(Files.isSymbolicLink(state().resolve("key.pem")));
    }

    @Test
    void aLinkAboveTheStateDirectoryIsFollowedWhenRootOwnsIt() throws Exception {
        needRoot();
        Path real = Files.createDirectories(tmp.resolve("real/state"));
        Files.writeString(real.resolve("f"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("lib"), tmp.resolve("real"));
        Path through = link.resolve("state");
        try (StateDirectory dir = new StateTree(through).open(through).orElseThrow()) {
            assertEquals("x", new String(dir.read("f").orElseThrow(), StandardCharsets.UTF_8));
        }
        Files.setAttribute(link, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> new StateTree(through).open(through)));
    }

    @Test
    void underARootPrefixNoLinkIsFollowedAtAnyLevel() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside/dsreg"));
        Files.createDirectories(root.resolve("var"));
        Files.createSymbolicLink(root.resolve("var/lib"), tmp.resolve("outside"));
        Path state = root.resolve("var/lib/dsreg");
        assertEquals(root, StateTree.linkFreeTop(root, state));
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> new StateTree(StateTree.linkFreeTop(root, state)).open(state)));
        assertTrue(Files.isDirectory(outside));
        assertEquals(state, StateTree.linkFreeTop(Path.of("/"), state));
    }

    @Test
    void aRootOwnedLinkAboveTheRootPrefixDoesNotFreeTheTreeBelowIt() throws Exception {
        needRoot(); // the links must be root's, or they are refused for that reason alone
        Path image = Files.createDirectories(tmp.resolve("images/one/var"));
        Files.createDirectories(tmp.resolve("host-lib/dsreg"));
        Files.createSymbolicLink(image.resolve("lib"), tmp.resolve("host-lib")); // inside the image
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), tmp.resolve("images")); // above it
        Path root = alias.resolve("one");
        Path state = root.resolve("var/lib/dsreg");
        StateTreeException e = assertThrows(StateTreeException.class,
                () -> new StateTree(StateTree.linkFreeTop(root, state)).open(state));
        assertEquals(Rule.SYMBOLIC_LINK, e.rule());
        assertEquals(tmp.resolve("images/one/var/lib"), e.path());
        Files.createDirectories(tmp.resolve("images/one/srv/dsreg"));
        Path ok = root.resolve("srv/dsreg");
        try (StateDirectory dir = new StateTree(StateTree.linkFreeTop(root, ok)).open(ok).orElseThrow()) {
            assertEquals(tmp.resolve("images/one/srv/dsreg"), dir.path());
        }
        Path linkedRoot = Files.createSymbolicLink(tmp.resolve("linked-root"), tmp.resolve("images/one"));
        Path under = linkedRoot.resolve("srv/dsreg");
        assertEquals(Rule.SYMBOLIC_LINK, broken(() -> new StateTree(StateTree.linkFreeTop(linkedRoot, under)).open(under)),
                "the root prefix itself is no link either: name the real directory");
    }

    @Test
    void aStateDirectoryThatIsAFileIsNotADirectory() throws Exception {
        Files.writeString(state(), "not a directory");
        assertEquals(Rule.NOT_A_DIRECTORY, broken(() -> tree().open(state())));
        assertEquals(Rule.NOT_A_DIRECTORY, broken(() -> tree().open(state().resolve("below"))));
        assertEquals(Optional.of(Remedy.either(Remedy.say("move it away"), new Remedy.OwnStateDir())),
                assertThrows(StateTreeException.class, () -> tree().open(state())).remedy());
    }

    @Test
    void aStateDirectoryAnotherUserOwnsIsRefused() throws Exception {
        needRoot();
        Files.createDirectories(state());
        Files.setAttribute(state(), "unix:uid", 65534);
        StateTreeException e = assertThrows(StateTreeException.class, () -> tree().open(state()));
        assertEquals(Rule.FOREIGN_OWNER, e.rule());
        assertEquals(Optional.of(Remedy.say("chown root: " + state())), e.remedy());
    }

    @Test
    void aDirectoryInsideAnotherUserOwnsIsRefused() throws Exception {
        needRoot();
        Path keys = Files.createDirectories(state().resolve("keys"));
        Files.setAttribute(keys, "unix:uid", 65534);
        try (StateDirectory dir = tree().open(state()).orElseThrow()) {
            assertEquals(Rule.FOREIGN_OWNER, broken(() -> dir.directory("keys")));
        }
    }

    @Test
    void anAncestorAnotherUserOwnsIsRefused() throws Exception {
        needRoot();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.setAttribute(home, "unix:uid", 65534);
        Path state = Files.createDirectories(home.resolve("state"));
        assertEquals(Rule.FOREIGN_OWNER, broken(() -> new StateTree(state).open(state)));
    }

    @Test
    void aWorldWritableStateDirectoryIsRefusedAndLeftAsItWas() throws Exception {
        Files.createDirectories(state());
        Files.setPosixFilePermissions(state(), PosixFilePermissions.fromString("rwxrwxrwx"));
        StateTreeException e = assertThrows(StateTreeException.class, () -> tree().open(state()));
        assertEquals(Rule.WRITABLE_BY_OTHERS, e.rule());
        assertEquals(Optional.of(Remedy.say("chmod go-w " + state())), e.remedy());
        assertEquals("rwxrwxrwx", perms(state()));
        Files.setPosixFilePermissions(state(), PosixFilePermissions.fromString("rwxrwxr-x"));
        assertEquals(Rule.WRITABLE_BY_OTHERS, broken(() -> tree().open(state())), "group-writable too");
    }

    @Test
    void aGroupWritableDirectoryInsideIsRefused() throws Exception {
        Path keys = Files.createDirectories(state().resolve("keys"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxrwx---"));
        try (StateDirectory dir = tree().open(state()).orElseThrow()) {
            assertEquals(Rule.WRITABLE_BY_OTHERS, broken(() -> dir.directory("keys")));
        }
    }

    @Test
    void aWorldWritableAncestorIsAcceptedOnlyWithTheStickyBit() throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Path state = Files.createDirectories(shared.resolve("state"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(Rule.WRITABLE_BY_OTHERS, broken(() -> new StateTree(state).open(state)));
        Files.setAttribute(shared, "unix:mode", 01777);
        try (StateDirectory dir = new StateTree(state).open(state).orElseThrow()) {
            assertEquals(List.of(), dir.names());
        }
    }

    @Test
    void filesAreReplacedAtomicallyCreatedOnlyOnceAndDeletedAsRegularFiles() throws Exception {
        try (StateDirectory dir = tree().create(state(), StateDirectory.DIR_0755)) {
            assertTrue(dir.read("f").isEmpty());
            assertTrue(dir.create("f", DATA, StateDirectory.FILE_0644));
            assertFalse(dir.create("f", "other".getBytes(StandardCharsets.UTF_8), StateDirectory.FILE_0600));
            assertArrayEquals(DATA, dir.read("f").orElseThrow());
            assertEquals("rw-r--r--", perms(state().resolve("f")));
            dir.replace("f", "new".getBytes(StandardCharsets.UTF_8), StateDirectory.FILE_0600);
            assertEquals("new", Files.readString(state().resolve("f")));
            assertEquals("rw-------", perms(state().resolve("f")));
            assertEquals(List.of("f"), dir.names(), "no temporary file is left behind");
            assertTrue(dir.delete("f"));
            assertFalse(dir.delete("f"));
            dir.createDirectory("sub", StateDirectory.DIR_0700).close();
            assertEquals(Rule.NOT_A_REGULAR_FILE, broken(() -> dir.delete("sub")));
            assertEquals(Rule.NOT_A_REGULAR_FILE, broken(() -> dir.read("sub")));
            assertEquals(Rule.NOT_A_REGULAR_FILE, broken(() -> dir.replace("sub", DATA, StateDirectory.FILE_0600)));
            assertEquals(Rule.INVALID_NAME, broken(() -> dir.read("../f")));
            assertEquals(Rule.INVALID_NAME, broken(() -> dir.read("..")));
        }
    }

    @Test
    void aPrivateFileOthersCanReadIsTooOpenAndAHugeFileTooLarge() throws Exception {
        try (StateDirectory dir = tree().create(state(), StateDirectory.DIR_0700)) {
            dir.replace("key", DATA, StateDirectory.FILE_0644);
            assertEquals(Rule.TOO_OPEN, broken(() -> dir.readPrivate("key")));
            assertArrayEquals(DATA, dir.read("key").orElseThrow());
            Files.write(state().resolve("big"), new byte[(int) StateDirectory.MAX_FILE + 1]);
            assertEquals(Rule.TOO_LARGE, broken(() -> dir.read("big")));
        }
    }

    @Test
    void anOwnPrivateDirectoryIsClosedToGroupAndOthersWhenAskedForPrivately() throws Exception {
        Path keys = Files.createDirectories(state().resolve("keys"));
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (StateDirectory dir = tree().open(state()).orElseThrow()) {
            dir.createDirectory("keys", StateDirectory.DIR_0700).close();
        }
        assertEquals("rwx------", perms(keys));
    }

    @Test
    void anEmptyDirectoryIsRemovedButNeverALinkAFileOrOneWithContent() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        try (StateDirectory dir = tree().create(state(), StateDirectory.DIR_0700)) {
            dir.createDirectory("sub", StateDirectory.DIR_0700).close();
            dir.replace("f", DATA, StateDirectory.FILE_0600);
            Files.createSymbolicLink(state().resolve("link"), elsewhere);
            Files.writeString(state().resolve("sub/f"), "x");
            StateTreeException full = assertThrows(StateTreeException.class, () -> dir.deleteDirectory("sub"));
            assertEquals(Rule.IO, full.rule());
            assertEquals(state().resolve("sub") + " is not empty", full.getMessage());
            Files.delete(state().resolve("sub/f"));
            assertTrue(dir.deleteDirectory("sub"));
            assertFalse(Files.exists(state().resolve("sub")));
            assertFalse(dir.deleteDirectory("sub"));
            assertEquals(Rule.SYMBOLIC_LINK, broken(() -> dir.deleteDirectory("link")));
            assertTrue(Files.isDirectory(elsewhere), "the link's target stays");
            assertEquals(Rule.NOT_A_DIRECTORY, broken(() -> dir.deleteDirectory("f")));
            assertEquals(Rule.INVALID_NAME, broken(() -> dir.deleteDirectory("..")));
            assertEquals(List.of("f", "link"), dir.names());
        }
    }
}
