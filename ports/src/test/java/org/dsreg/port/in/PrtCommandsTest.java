package org.dsreg.port.in;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.TenantId;
import org.junit.jupiter.api.Test;

/** The PRT commands' own refusals, and the join's of a refresh token file: each a usage error. */
class PrtCommandsTest {
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    static final String CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

    static void refused(org.junit.jupiter.api.function.Executable e) {
        assertEquals(ErrorKind.INVALID_ARGUMENTS, assertThrows(DsregException.class, e).kind());
    }

    @Test
    void aFirstPrtSignsInByDeviceCodeOrARefreshTokenFileOnly() {
        refused(() -> new RefreshPrtCommand(TENANT, new TokenSourceSpec.Broker(), Optional.empty()));
        refused(() -> new RefreshPrtCommand(TENANT, new TokenSourceSpec.File(Path.of("t")), Optional.empty()));
        refused(() -> new RefreshPrtCommand(TENANT, new TokenSourceSpec.DeviceCode(), Optional.of(" ")));
        assertEquals(Optional.of("a@x"), new RefreshPrtCommand(TENANT,
                new TokenSourceSpec.RefreshTokenFile(Path.of("rt")), Optional.of("a@x")).account());
    }

    @Test
    void anAccessTokenNeedsAClientIdGuidAPrintableScopeAndAnAccountIfAny() {
        refused(() -> new GetTokenCommand(TENANT, "graph", "https://graph.microsoft.com/.default", Optional.empty()));
        refused(() -> new GetTokenCommand(TENANT, CLIENT, " ", Optional.empty()));
        refused(() -> new GetTokenCommand(TENANT, CLIENT, "scope\u0001", Optional.empty()));
        refused(() -> new GetTokenCommand(TENANT, CLIENT, "https://graph.microsoft.com/.default", Optional.of("")));
        assertEquals(CLIENT, new GetTokenCommand(TENANT, CLIENT, "https://graph.microsoft.com/.default",
                Optional.empty()).clientId());
    }

    @Test
    void aJoinDoesNotTakeARefreshTokenFile() {
        refused(() -> new JoinDeviceCommand(TENANT.toString(), JoinType.JOINED, Optional.empty(),
                new TokenSourceSpec.RefreshTokenFile(Path.of("rt")), "software"));
    }
}
