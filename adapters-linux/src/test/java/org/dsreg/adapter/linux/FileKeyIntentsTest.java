package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.dsreg.domain.KeyRef;
import org.dsreg.port.out.KeyIntents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intent records on disk: written whole before the keys, read back, removed; garbage named, never acted on. */
class FileKeyIntentsTest {
    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path root;

    FileKeyIntents intents() {
        return new FileKeyIntents(new LinuxPaths(Path.of("/"), root.resolve("state")), Clock.fixed(AT, ZoneOffset.UTC));
    }

    @Test
    void aRecordIsWrittenReadAndCompleted() throws Exception {
        assertEquals(List.of(), intents().pending(), "no state directory: nothing pending");
        List<KeyRef> keys = List.of(new KeyRef("software", "device-1"), new KeyRef("tpm", "transport-1"));
        KeyIntents.Intent i = intents().record("join", keys);
        Path file = root.resolve("state/intents/" + i.id() + ".json");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(new KeyIntents.Intent(i.id(), "join", AT, keys)), intents().pending());
        try (var s = Files.list(file.getParent())) {
            assertEquals(1, s.count(), "no temporary file left");
        }
        intents().complete(i);
        assertEquals(List.of(), intents().pending());
        assertTrue(!Files.exists(file));
    }

    @Test
    void garbageALinkOrADirectoryIsAnUnreadableRecordWithNoKeys() throws Exception {
        Path dir = Files.createDirectories(root.resolve("state/intents"));
        Files.writeString(dir.resolve("a.json"), "{ garbage");
        Path victim = Files.writeString(root.resolve("victim"), "{\"keys\":[]}");
        Files.createSymbolicLink(dir.resolve("b.json"), victim);
        Files.createDirectory(dir.resolve("c.json"));
        List<KeyIntents.Intent> pending = intents().pending();
        assertEquals(3, pending.size(), pending.toString());
        for (KeyIntents.Intent i : pending) {
            assertEquals(List.of(), i.keys());
            assertTrue(i.purpose().startsWith("unreadable: "), i.purpose());
        }
        assertTrue(pending.get(0).purpose().contains("is corrupt"), pending.get(0).purpose());
        assertTrue(pending.stream().anyMatch(i -> i.purpose().contains("symbolic link")), pending.toString());
        assertTrue(Files.isSymbolicLink(dir.resolve("b.json")));
        assertTrue(Files.exists(victim, LinkOption.NOFOLLOW_LINKS));
    }
}
