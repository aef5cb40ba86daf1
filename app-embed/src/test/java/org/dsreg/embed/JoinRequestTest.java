package org.dsreg.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.TenantRef;
import org.junit.jupiter.api.Test;

class JoinRequestTest {
    private static final TenantRef CONTOSO = TenantRef.parse("contoso.example");

    @Test
    void theDefaultsAreTheClisDefaults() {
        assertEquals(new JoinRequest(CONTOSO, JoinType.JOINED, Optional.empty(), new TokenSource.DeviceCode(),
                "software", DeviceMode.EXCLUSIVE), JoinRequest.join(CONTOSO));
    }

    @Test
    void eachWitherChangesItsValueOnly() {
        JoinRequest r = JoinRequest.join(CONTOSO).withJoinType(JoinType.REGISTERED).withDeviceName("kiosk")
                .withTokenSource(new TokenSource.File(Path.of("t"))).withKeyStorage("tpm")
                .withDeviceMode(DeviceMode.SHARED);
        assertEquals(new JoinRequest(CONTOSO, JoinType.REGISTERED, Optional.of("kiosk"),
                new TokenSource.File(Path.of("t")), "tpm", DeviceMode.SHARED), r);
    }

    @Test
    void nothingIsMissing() {
        JoinRequest r = JoinRequest.join(CONTOSO);
        assertThrows(NullPointerException.class, () -> JoinRequest.join(null));
        assertThrows(NullPointerException.class, () -> r.withJoinType(null));
        assertThrows(NullPointerException.class, () -> r.withDeviceName(null));
        assertThrows(NullPointerException.class, () -> r.withTokenSource(null));
        assertThrows(NullPointerException.class, () -> r.withKeyStorage(null));
        assertThrows(NullPointerException.class, () -> r.withDeviceMode(null));
    }
}
