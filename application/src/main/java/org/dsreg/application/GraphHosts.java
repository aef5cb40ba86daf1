package org.dsreg.application;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;

/**
 * Where a Graph access token may be sent: Microsoft Graph of one of Microsoft's clouds (the global service and the
 * national clouds, docs/protocol.md "Microsoft Graph: what dsreg asks"), or, for a registration, a host of its
 * tenant's own device registration service as DRS discovery named it at join (dsreg's registration of that tenant
 * keeps the endpoints; this is how a test points Graph at the DRS emulator on loopback). Any other host is refused
 * before a token is asked for: a token of the device's user must not go to whatever host a URL names.
 */
final class GraphHosts {
    /** Microsoft Graph's hosts: global, US Government (L4 and L5, DoD) and China (21Vianet). */
    static final Set<String> MICROSOFT_GRAPH = Set.of("graph.microsoft.com", "graph.microsoft.us",
            "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn");

    private static final int HTTPS_PORT = 443;

    private GraphHosts() {
    }

    /**
     * Refuses {@code graphUrl} ({@code INVALID_ARGUMENTS}) unless it is Microsoft Graph, or a host of the device
     * registration service of the tenant of every registration whose token would be sent there ({@code checked}),
     * as dsreg's registrations of that tenant ({@code own}) recorded it.
     */
    static void check(URI graphUrl, List<Registration> checked, List<Registration> own) {
        if (isMicrosoftGraph(graphUrl)) {
            return;
        }
        List<TenantId> refused = new ArrayList<>();
        for (Registration r : checked) {
            boolean ours = own.stream().filter(o -> o.source() == RegistrationSource.DSREG
                    && o.tenantId().equals(r.tenantId())).anyMatch(o -> drsHosts(o.tenantDetails()).stream()
                    .anyMatch(e -> sameHost(e, graphUrl)));
            if (!ours && !refused.contains(r.tenantId())) {
                refused.add(r.tenantId());
            }
        }
        if (checked.isEmpty() || !refused.isEmpty()) {
            String whose = refused.isEmpty() ? "a registered tenant's device registration service (nothing here is"
                    + " registered)" : "the device registration service of tenant " + refused.stream()
                    .map(TenantId::toString).collect(Collectors.joining(", "));
            throw DsregException.invalidArgument("the Graph URL " + graphUrl + " is neither Microsoft Graph ("
                    + String.join(", ", MICROSOFT_GRAPH.stream().sorted().toList()) + ") nor a host of " + whose
                    + ": a Graph token is sent to no other host");
        }
    }

    static boolean isMicrosoftGraph(URI url) {
        return url.getHost() != null && MICROSOFT_GRAPH.contains(url.getHost().toLowerCase(Locale.ROOT))
                && (url.getPort() == -1 || url.getPort() == HTTPS_PORT);
    }

    /** The endpoints DRS discovery named for the tenant (join, key, WebAuthn and device management services). */
    private static List<URI> drsHosts(TenantDetails d) {
        List<URI> urls = new ArrayList<>();
        for (Optional<ServiceEndpoint> e : List.of(d.joinService(), d.keyService(), d.webAuthnService(),
                d.deviceManagementService())) {
            e.ifPresent(s -> {
                try {
                    urls.add(URI.create(s.url()));
                } catch (IllegalArgumentException malformed) {
                    // a URL that does not parse names no host to allow
                }
            });
        }
        return urls;
    }

    /** The same host (any case) and port, an absent port being https's. */
    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && b.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() == -1 ? HTTPS_PORT : u.getPort();
    }
}
