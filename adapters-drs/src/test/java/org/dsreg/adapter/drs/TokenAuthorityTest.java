package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.Discovery;
import org.junit.jupiter.api.Test;

/**
 * The tenant's authority comes from discovery's {@code TokenEndpoint}, which the service names as the v1 endpoint
 * {@code https://host/{tenant}/oauth2/token} (MS-DRS 3.1); the device code flow then uses the v2.0 paths under it.
 */
class TokenAuthorityTest {
    static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");

    static Discovery withTokenEndpoint(String url) {
        TenantDetails d = new TenantDetails(TENANT, Optional.of("contoso.example"), Optional.empty(),
                Optional.of("https://login.microsoftonline.com/" + TENANT + "/oauth2/authorize"), Optional.ofNullable(url),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        return new Discovery(d, Optional.empty(), "enterpriseregistration.windows.net");
    }

    @Test
    void theV1TokenEndpointOfDiscoveryGivesTheTenantsAuthority() {
        assertEquals("https://login.microsoftonline.com/" + TENANT, HttpDrsTokens.authority(
                withTokenEndpoint("https://login.microsoftonline.com/" + TENANT + "/oauth2/token")));
        assertEquals("https://127.0.0.1:8443/" + TENANT, HttpDrsTokens.authority(
                withTokenEndpoint("https://127.0.0.1:8443/" + TENANT + "/oauth2/token/")));
        // a v2.0 token endpoint (what the emulator used to advertise) gives the same authority
        assertEquals("https://login.microsoftonline.com/" + TENANT, HttpDrsTokens.authority(
                withTokenEndpoint("https://login.microsoftonline.com/" + TENANT + "/oauth2/v2.0/token")));
    }

    @Test
    void noOrNoHttpsTokenEndpointIsADrsTokenFailure() {
        DsregException none = assertThrows(DsregException.class, () -> HttpDrsTokens.authority(withTokenEndpoint(null)));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, none.kind());
        DsregException http = assertThrows(DsregException.class, () -> HttpDrsTokens.authority(
                withTokenEndpoint("http://login.microsoftonline.com/" + TENANT + "/oauth2/token")));
        assertEquals(ErrorKind.DRS_TOKEN_REQUIRED, http.kind());
    }
}
