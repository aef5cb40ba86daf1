package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.ProxyRoutes;
import org.junit.jupiter.api.Test;

/** The "Proxy Settings" test: each endpoint's route, and the CONNECT through its proxy. */
class ProxyDiagnosisTest {
    static final String DRS = "https://enterpriseregistration.windows.net";
    static final String JOIN = "https://enterpriseregistration.windows.net/EnrollmentServer/device/";
    static final String TOKEN = "https://login.microsoftonline.com/t/oauth2/token";
    static final String VIA = "via http://alice:****@proxy.corp:3128 (from https_proxy)";

    /** A proxy setting as the adapter reports it: login.microsoftonline.com named by no_proxy. */
    final class Routes implements ProxyRoutes {
        final List<String> tunnels = new ArrayList<>();
        Set<String> refused = Set.of();
        boolean malformed;

        @Override
        public Route route(String url) {
            if (malformed) {
                throw DsregException.invalidArgument("the proxy in https_proxy is not usable: not a URL");
            }
            return url.contains("login.") ? new Route(false, "direct (no_proxy names login.microsoftonline.com)")
                    : new Route(true, VIA);
        }

        @Override
        public void openTunnel(String url) {
            tunnels.add(url);
            if (refused.contains(url)) {
                throw new DrsException(ErrorKind.QUERY_FAILED, "the proxy proxy.corp:3128 (from https_proxy) refused"
                        + " the tunnel to enterpriseregistration.windows.net:443 (HTTP 403 to CONNECT)", 0, null, null,
                        null);
            }
        }
    }

    final Routes routes = new Routes();

    private Diagnostics.Result diagnose() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("DRS discovery", DRS);
        endpoints.put("join service", JOIN);
        endpoints.put("token endpoint", TOKEN);
        return new ProxyDiagnosis(routes).result("tenant t", endpoints);
    }

    @Test
    void eachEndpointsRouteAndItsConnect() {
        Diagnostics.Result r = diagnose();
        assertEquals(new Diagnostics.Result("tenant t", "Proxy Settings", Outcome.PASS,
                "DRS discovery " + DRS + ": " + VIA + ", CONNECT succeeded; join service " + JOIN + ": " + VIA
                        + ", CONNECT succeeded; token endpoint " + TOKEN
                        + ": direct (no_proxy names login.microsoftonline.com)"), r);
        assertEquals(List.of(DRS, JOIN), routes.tunnels, "a CONNECT through the proxy only, none on a direct route");
    }

    @Test
    void aRefusedConnectFails() {
        routes.refused = Set.of(JOIN);
        Diagnostics.Result r = diagnose();
        assertEquals(Outcome.FAIL, r.result());
        assertEquals("DRS discovery " + DRS + ": " + VIA + ", CONNECT succeeded; join service " + JOIN + ": " + VIA
                + ", CONNECT failed: the proxy proxy.corp:3128 (from https_proxy) refused the tunnel to"
                + " enterpriseregistration.windows.net:443 (HTTP 403 to CONNECT); token endpoint " + TOKEN
                + ": direct (no_proxy names login.microsoftonline.com)", r.detail());
    }

    @Test
    void aMalformedSettingFails() {
        routes.malformed = true;
        Diagnostics.Result r = diagnose();
        assertEquals(Outcome.FAIL, r.result());
        assertEquals("DRS discovery " + DRS + ": FAILED: the proxy in https_proxy is not usable: not a URL; join service "
                + JOIN + ": FAILED: the proxy in https_proxy is not usable: not a URL; token endpoint " + TOKEN
                + ": FAILED: the proxy in https_proxy is not usable: not a URL", r.detail());
    }
}
