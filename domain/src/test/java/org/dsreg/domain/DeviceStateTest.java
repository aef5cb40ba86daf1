package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceStateTest {

    @ParameterizedTest(name = "AzureAdJoined={0} EnterpriseJoined={1} DomainJoined={2} -> {3}")
    @CsvSource({
        // the table of dsregcmd /status
        "true,  false, false, ENTRA_JOINED",
        "false, false, true,  DOMAIN_JOINED",
        "true,  false, true,  HYBRID_JOINED",
        "false, true,  true,  ON_PREMISES_DRS_JOINED",
        // outside the table
        "false, false, false, NOT_JOINED",
        "true,  true,  false, INCONSISTENT",
        "true,  true,  true,  INCONSISTENT",
        "false, true,  false, INCONSISTENT"})
    void derivesTheDeviceState(boolean aad, boolean enterprise, boolean domain, DeviceState expected) {
        assertEquals(expected, DeviceState.derive(aad, enterprise, domain));
    }
}
