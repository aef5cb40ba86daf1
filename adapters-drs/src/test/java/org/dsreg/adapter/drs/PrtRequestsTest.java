package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The v1 resource a requested scope names (libhimmelblau's rule), and the broker redirect URI of a client. */
class PrtRequestsTest {
    @Test
    void aScopesResourceIsItsSchemeAndAuthorityOrItsFirstSegment() {
        assertEquals(Optional.of("https://graph.microsoft.com"), PrtRequests.resourceOf("https://graph.microsoft.com/.default"));
        assertEquals(Optional.of("https://graph.microsoft.com"), PrtRequests.resourceOf("https://graph.microsoft.com/User.Read"));
        assertEquals(Optional.of("https://graph.microsoft.com"), PrtRequests.resourceOf("https://graph.microsoft.com"));
        assertEquals(Optional.of("api://a1b2"), PrtRequests.resourceOf("api://a1b2/access_as_user"));
        assertEquals(Optional.of("00000003-0000-0000-c000-000000000000"),
                PrtRequests.resourceOf("openid 00000003-0000-0000-c000-000000000000/.default offline_access"));
        assertEquals(Optional.of("https://vault.azure.net"),
                PrtRequests.resourceOf("OpenID profile https://vault.azure.net/user_impersonation"));
    }

    @Test
    void aScopeOfOpenIdWordsOnlyOrWithoutAnAuthorityNamesNoResource() {
        assertEquals(Optional.empty(), PrtRequests.resourceOf("openid profile offline_access email"));
        assertEquals(Optional.empty(), PrtRequests.resourceOf("  "));
        assertEquals(Optional.empty(), PrtRequests.resourceOf("https:///.default"));
        assertEquals(Optional.empty(), PrtRequests.resourceOf("/.default"));
    }

    @Test
    void theRedirectUriIsTheBrokerPluginsForTheClientInLowerCase() {
        assertEquals("ms-appx-web://Microsoft.AAD.BrokerPlugin/04b07795-8ddb-461a-bbee-02f9e1bf7b46",
                PrtRequests.redirectUri("04B07795-8DDB-461A-BBEE-02F9E1BF7B46"));
    }
}
