package org.dsreg.port.out;

/**
 * The proxy dsreg's HTTPS requests take, for {@code --diagnose}: the route to a URL, and whether the proxy opens a
 * CONNECT tunnel to it. Credentials in a proxy URL are never shown.
 */
public interface ProxyRoutes {
    /**
     * How a request to this URL goes.
     *
     * @throws org.dsreg.domain.DsregException {@code INVALID_ARGUMENTS} when the proxy setting that applies is malformed
     */
    Route route(String url);

    /**
     * Asks the URL's proxy for a CONNECT tunnel to the URL's host and port, and closes it. Does nothing for a direct
     * route.
     *
     * @throws DrsException naming the proxy (host:port and where it was given) when it refuses or cannot be reached
     */
    void openTunnel(String url);

    /**
     * A route.
     *
     * @param proxied     whether it goes through a proxy
     * @param description "via http://user:****@host:port (from https_proxy)", or "direct (why)"
     */
    record Route(boolean proxied, String description) {
    }
}
