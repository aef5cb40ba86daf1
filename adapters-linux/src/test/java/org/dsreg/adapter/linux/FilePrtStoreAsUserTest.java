package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dsreg.testkit.ExternalTools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PRT files as another user sees them, for real: the store runs in a process of its own as {@code nobody}
 * (through {@code setpriv}; the test runs as root, as CI does). Its class path is copied where that user can read
 * it, since the build's may sit in root's home.
 */
class FilePrtStoreAsUserTest {
    @TempDir
    Path dir;
    String classPath;

    @BeforeEach
    void classPathForNobody() throws Exception {
        FilePrtStoreTest.needRoot();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copies = Files.createDirectories(dir.resolve("cp"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path from = Path.of(entry);
            if (Files.isRegularFile(from)) {
                Path to = copies.resolve(n++ + ".jar");
                Files.copy(from, to);
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
                entries.add(to.toString());
            } else if (Files.isDirectory(from)) {
                entries.add(from.toString()); // the reactor's target directories, readable by all
            }
        }
        classPath = String.join(File.pathSeparator, entries);
    }

    private String asNobody(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ExternalTools.require("setpriv", "util-linux").toString(),
                "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                PrtStoreAsUser.class.getName()));
        cmd.addAll(List.of(args));
        ExternalTools.Result r = ExternalTools.run(cmd);
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().strip();
    }

    @Test
    void anotherUserIsToldThePrtsAreRootsAndCannotListThem() {
        Path state = dir.resolve("state");
        new FilePrtStore(new LinuxPaths(Path.of("/"), state)).save(FilePrtStoreTest.alice());
        assertEquals("RootOnly", asNobody("read", state.toString()));
        assertEquals("refused PERMISSION_DENIED", asNobody("list", state.toString()));
    }

    @Test
    void aSaveThatCannotWriteLeavesTheOldFileWhole() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.setAttribute(home, "unix:uid", 65534);
        Path state = home.resolve("state");
        assertEquals("saved", asNobody("save", state.toString(), "first-secret"));
        Path tenant = state.resolve("prt/" + FilePrtStoreTest.TENANT);
        Path file = tenant.resolve(FilePrtStoreTest.ALICE + ".json");
        byte[] before = Files.readAllBytes(file);
        // the user may still write the file itself, so writing it in place would succeed: only a new file fails
        Files.setPosixFilePermissions(tenant, PosixFilePermissions.fromString("r-x------"));
        assertEquals("refused PERMISSION_DENIED", asNobody("save", state.toString(), "second-secret"));
        assertEquals(new String(before, java.nio.charset.StandardCharsets.UTF_8), Files.readString(file));
        try (Stream<Path> names = Files.list(tenant)) {
            assertEquals(List.of(file), names.toList(), "no temporary file left");
        }
        assertTrue(Files.readString(file).contains("first-secret"));
        assertEquals("Known 1", asNobody("read", state.toString()), "the user reads its own state dir's PRTs");
    }
}
