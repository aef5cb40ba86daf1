package org.dsreg.adapter.drs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/** OkHttp's proxy selector for dsreg: the route {@link ProxyConfig} chooses, never the JVM's defaults. */
final class ConfiguredProxySelector extends ProxySelector {
    private final ProxyConfig config;

    ConfiguredProxySelector(ProxyConfig config) {
        this.config = config;
    }

    @Override
    public List<Proxy> select(URI uri) {
        return config.route(uri).proxy()
                .map(p -> List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.host(), p.port()))))
                .orElse(List.of(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // no other route to try: the failure is reported by ProxyFailures
    }
}
