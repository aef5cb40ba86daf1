package org.dsreg.adapter.drs;

import java.util.Optional;

/**
 * The way requests to one URL go: through {@code proxy}, or directly; {@code why} says where that came from
 * ({@code from --proxy}, {@code from https_proxy}, {@code no_proxy names it}, …).
 */
record ProxyRoute(Optional<ProxyUrl> proxy, String why) {
    static ProxyRoute direct(String why) {
        return new ProxyRoute(Optional.empty(), why);
    }

    static ProxyRoute via(ProxyUrl proxy) {
        return new ProxyRoute(Optional.of(proxy), "from " + proxy.source());
    }

    /** "via http://user:****@host:port (from https_proxy)" or "direct (no proxy variable is set)". */
    String describe() {
        return proxy.map(p -> "via " + p.display() + " (" + why + ")").orElse("direct (" + why + ")");
    }
}
