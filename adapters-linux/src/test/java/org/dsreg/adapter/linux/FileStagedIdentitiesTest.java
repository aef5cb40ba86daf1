package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.port.out.StagedIdentities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replacement records on disk: both registrations written whole, read back, removed; garbage never acted on. */
class FileStagedIdentitiesTest {
    @TempDir
    Path root;

    FileStagedIdentities staged() {
        return new FileStagedIdentities(new LinuxPaths(Path.of("/"), root.resolve("state")));
    }

    @Test
    void aRecordIsWrittenReadAndRemoved() throws Exception {
        assertEquals(List.of(), staged().pending(), "no state directory: nothing under way");
        UUID tenant = UUID.randomUUID();
        Registration previous = FileRegistrationStoreTest.registration(tenant);
        Registration other = FileRegistrationStoreTest.registration(tenant);
        Registration next = new Registration(other.tenantId(), other.deviceId(), other.joinType(), other.deviceMode(),
                other.certificate(), new KeyRef("tpm", "device-2"), java.util.Optional.of(new KeyRef("tpm",
                "transport-2")), other.tenantDetails(), other.registeredAt(), other.source());
        var s = new StagedIdentities.Staged(previous, next, StagedIdentities.Purpose.REKEY);
        staged().stage(s);
        Path file = root.resolve("state/replacements/" + previous.tenantId() + ".json");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        List<StagedIdentities.Staged> read = staged().pending();
        assertEquals(1, read.size());
        assertEquals(previous.deviceId(), read.get(0).previous().deviceId());
        assertEquals(next.deviceId(), read.get(0).next().deviceId());
        assertEquals(next.deviceKey(), read.get(0).next().deviceKey());
        assertEquals(StagedIdentities.Purpose.REKEY, read.get(0).purpose());
        assertEquals(4, read.get(0).keys().size());
        assertTrue(staged().remove(previous.tenantId()));
        assertFalse(Files.exists(file));
        assertEquals(List.of(), staged().pending());
    }

    @Test
    void garbageOrALinkIsSkipped() throws Exception {
        Path dir = Files.createDirectories(root.resolve("state/replacements"));
        Files.writeString(dir.resolve(UUID.randomUUID() + ".json"), "{ garbage");
        Path victim = Files.writeString(root.resolve("victim"), "{}");
        Files.createSymbolicLink(dir.resolve(UUID.randomUUID() + ".json"), victim);
        assertEquals(List.of(), staged().pending());
    }
}
