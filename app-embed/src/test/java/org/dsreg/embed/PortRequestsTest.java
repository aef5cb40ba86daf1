package org.dsreg.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.TenantRef;
import org.dsreg.port.in.CleanupCommand;
import org.dsreg.port.in.JoinDeviceCommand;
import org.dsreg.port.in.TokenSourceSpec;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.junit.jupiter.api.Test;

/** The embedding API's requests become the use cases' commands, checked by the core's rules. */
class PortRequestsTest {
    private static final String GUID = "5b3a2f10-4c43-4c6b-9d3c-6a1f6c0e2a11";

    @Test
    void aJoinRequestBecomesTheCommandWithEveryValue() {
        JoinRequest r = new JoinRequest(TenantRef.parse(GUID.toUpperCase()), JoinType.JOINED, Optional.of("kiosk"),
                new TokenSource.File(Path.of("/t")), "tpm", DeviceMode.SHARED);
        assertEquals(new JoinDeviceCommand(GUID, JoinType.JOINED, Optional.of("kiosk"),
                new TokenSourceSpec.File(Path.of("/t")), "tpm", DeviceMode.SHARED), PortRequests.join(r));
        assertEquals("contoso.example", PortRequests.join(JoinRequest.join(TenantRef.parse("contoso.example")))
                .tenant());
    }

    @Test
    void eachTokenSourceHasItsSpec() {
        assertEquals(new TokenSourceSpec.DeviceCode(), PortRequests.tokenSource(new TokenSource.DeviceCode()));
        assertEquals(new TokenSourceSpec.Broker(), PortRequests.tokenSource(new TokenSource.Broker()));
        assertEquals(new TokenSourceSpec.File(Path.of("f")),
                PortRequests.tokenSource(new TokenSource.File(Path.of("f"))));
    }

    @Test
    void theCoresRulesRefuseABadJoinAsAUsageError() {
        JoinRequest guid = JoinRequest.join(TenantRef.parse(GUID));
        assertUsageError(guid.withJoinType(JoinType.REGISTERED).withDeviceMode(DeviceMode.SHARED));
        assertUsageError(guid.withDeviceName(" "));
        assertUsageError(guid.withDeviceName("x".repeat(257)));
        assertUsageError(guid.withJoinType(JoinType.UNKNOWN));
    }

    @Test
    void aCleanupRequestBecomesTheCommand() {
        assertEquals(new CleanupCommand("/home/alice", true),
                PortRequests.cleanup(new CleanupRequest(Path.of("/home/alice"), true)));
    }

    @Test
    void aRelativeHomeIsAUsageError() {
        DsregException e = assertThrows(DsregException.class,
                () -> PortRequests.cleanup(new CleanupRequest(Path.of("alice"), false)));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
    }

    @Test
    void aBackendKeepsEveryValue() {
        KeyStorageBackend b = PortRequests.backend(new KeyStorages.Backend("tpm", "TPM 2.0",
                Set.of(KeyStorageCapability.HARDWARE_BACKED), new Availability.Unusable("no /dev/tpmrm0")));
        assertEquals(new KeyStorageBackend("tpm", "TPM 2.0", Set.of(KeyStorageCapability.HARDWARE_BACKED),
                new Availability.Unusable("no /dev/tpmrm0")), b);
        assertFalse(b.usable());
        assertTrue(new KeyStorageBackend("software", "files", Set.of(), new Availability.Usable("")).usable());
    }

    private static void assertUsageError(JoinRequest r) {
        assertEquals(ErrorKind.INVALID_ARGUMENTS, assertThrows(DsregException.class, () -> PortRequests.join(r)).kind(),
                r::toString);
    }
}
