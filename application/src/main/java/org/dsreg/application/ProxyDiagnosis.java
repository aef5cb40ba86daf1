package org.dsreg.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
import org.dsreg.domain.DsregException;
import org.dsreg.port.out.ProxyRoutes;

/**
 * The "Proxy Settings" test: for each endpoint known (DRS discovery, join service, token endpoint), the proxy its
 * requests take and where that came from, credentials masked, and, through a proxy, whether it opened a CONNECT
 * tunnel to it. FAIL when a proxy setting is malformed or a CONNECT failed.
 */
final class ProxyDiagnosis {
    static final String TEST = "Proxy Settings";

    private final ProxyRoutes routes;

    ProxyDiagnosis(ProxyRoutes routes) {
        this.routes = routes;
    }

    /** The result for these endpoints, by name ("DRS discovery" to its URL), in their order. */
    Diagnostics.Result result(String scope, Map<String, String> endpoints) {
        List<String> lines = new ArrayList<>();
        boolean failed = false;
        for (Map.Entry<String, String> e : endpoints.entrySet()) {
            String line = e.getKey() + " " + e.getValue() + ": ";
            ProxyRoutes.Route route;
            try {
                route = routes.route(e.getValue());
            } catch (DsregException x) {
                failed = true;
                lines.add(line + "FAILED: " + x.getMessage());
                continue;
            }
            line += route.description();
            if (route.proxied()) {
                try {
                    routes.openTunnel(e.getValue());
                    line += ", CONNECT succeeded";
                } catch (DsregException x) {
                    failed = true;
                    line += ", CONNECT failed: " + x.getMessage();
                }
            }
            lines.add(line);
        }
        return new Diagnostics.Result(scope, TEST, failed ? Outcome.FAIL : Outcome.PASS, String.join("; ", lines));
    }
}
