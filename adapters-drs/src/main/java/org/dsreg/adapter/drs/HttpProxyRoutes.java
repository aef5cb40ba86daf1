package org.dsreg.adapter.drs;

import java.net.URI;
import javax.inject.Inject;
import org.dsreg.port.out.ProxyRoutes;

/** The routes {@link ProxyConfig} chooses for dsreg's requests, and a CONNECT through their proxy. */
final class HttpProxyRoutes implements ProxyRoutes {
    private final DrsSettings settings;

    @Inject
    HttpProxyRoutes(DrsSettings settings) {
        this.settings = settings;
    }

    @Override
    public Route route(String url) {
        ProxyRoute r = settings.proxy().route(URI.create(url));
        return new Route(r.proxy().isPresent(), r.describe());
    }

    @Override
    public void openTunnel(String url) {
        URI target = URI.create(url);
        settings.proxy().route(target).proxy().ifPresent(p -> new TunnelCheck(settings.requestTimeout())
                .open(p, target.getHost().replaceAll("^\\[|\\]$", ""), target.getPort() < 0 ? 443 : target.getPort()));
    }
}
