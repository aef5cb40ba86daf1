package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.Registration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device mode in a registration file: written by name, absent in older files (exclusive), checked when read. */
class RegistrationDeviceModeTest {
    @TempDir
    Path root;

    private FileRegistrationStore store() {
        return new FileRegistrationStore(new LinuxPaths(Path.of("/"), root.resolve("state")));
    }

    private Path file(Registration r) {
        return root.resolve("state/registrations/" + r.tenantId() + ".json");
    }

    static Registration withMode(Registration r, JoinType type, DeviceMode mode) {
        return new Registration(r.tenantId(), r.deviceId(), type, Optional.of(mode), r.certificate(), r.deviceKey(),
                r.transportKey(), r.tenantDetails(), r.registeredAt(), r.source());
    }

    /** Saves {@code r}, then rewrites its file's deviceMode member as {@code member} (a JSON member, or nothing). */
    private Path saveEdited(Registration r, String member) throws Exception {
        store().save(r);
        Path file = file(r);
        String text = Files.readString(file).replaceAll("\"deviceMode\" *: *\"[A-Z]+\",?\\s*", "");
        assertFalse(text.contains("deviceMode"), text);
        Files.writeString(file, member.isEmpty() ? text : text.replaceFirst("\\{",
                java.util.regex.Matcher.quoteReplacement("{" + member + ",")));
        return file;
    }

    @Test
    void aSharedJoinIsWrittenByNameAndReadBack() throws Exception {
        Registration shared = withMode(FileRegistrationStoreTest.registration(UUID.randomUUID()), JoinType.JOINED,
                DeviceMode.SHARED);
        store().save(shared);
        assertTrue(Files.readString(file(shared)).matches("(?s).*\"deviceMode\" *: *\"SHARED\".*"),
                Files.readString(file(shared)));
        assertEquals(List.of(shared), store().list());
        assertEquals(Optional.of(DeviceMode.SHARED), store().find(shared.tenantId()).orElseThrow().deviceMode());
    }

    @Test
    void aFileOfAnOlderDsregWithoutTheModeIsExclusive() throws Exception {
        Registration r = FileRegistrationStoreTest.registration(UUID.randomUUID());
        saveEdited(withMode(r, JoinType.JOINED, DeviceMode.SHARED), "");
        assertEquals(Optional.of(DeviceMode.EXCLUSIVE), store().find(r.tenantId()).orElseThrow().deviceMode(),
                "dsreg never asked for a shared device before it recorded the mode");
        assertEquals(List.of(), store().corrupt());
    }

    @Test
    void anUnknownModeIsACorruptRegistration() throws Exception {
        Registration r = FileRegistrationStoreTest.registration(UUID.randomUUID());
        Path file = saveEdited(r, "\"deviceMode\":\"BOGUS\\u0007\"");
        assertEquals(List.of(), store().list());
        assertEquals("device mode 'BOGUS?' is not one of [EXCLUSIVE, SHARED]", store().corrupt().get(0).reason());
        DsregException e = assertThrows(DsregException.class, () -> store().find(r.tenantId()));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());

        saveEdited(r, "\"deviceMode\":\"shared\"");
        assertEquals("device mode 'shared' is not one of [EXCLUSIVE, SHARED]", store().corrupt().get(0).reason(),
                "names are exact, as the join type's");
        saveEdited(r, "\"deviceMode\":true");
        assertEquals("field 'deviceMode' is not a string", store().corrupt().get(0).reason());
    }

    @Test
    void aSharedRegistrationThatIsNotAJoinIsCorrupt() throws Exception {
        Registration r = withMode(FileRegistrationStoreTest.registration(UUID.randomUUID()), JoinType.REGISTERED,
                DeviceMode.EXCLUSIVE);
        store().save(r);
        Files.writeString(file(r), Files.readString(file(r)).replace("\"EXCLUSIVE\"", "\"SHARED\""));
        assertEquals(List.of(), store().list());
        assertEquals("a shared device is an Entra join, not REGISTERED", store().corrupt().get(0).reason());
    }
}
