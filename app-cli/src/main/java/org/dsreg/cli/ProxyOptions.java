package org.dsreg.cli;

import org.dsreg.embed.DsregSettings;
import org.dsreg.embed.ProxySettings;
import picocli.CommandLine.Option;

/**
 * {@code --proxy URL} replaces the proxy variables (no_proxy still applies, as to curl's {@code -x});
 * {@code --no-proxy} goes direct to every host; both together are refused (exit 1).
 */
final class ProxyOptions {
    @Option(names = "--proxy", paramLabel = "URL",
            description = "The http proxy for DRS and the sign-in service, http://[user:password@]host[:port]"
                    + " (default port 1080), instead of https_proxy and all_proxy; a host that no_proxy names is still"
                    + " reached directly, as by curl -x. HTTPS goes through it in a CONNECT tunnel. A password here is"
                    + " visible in ps and shell history: prefer https_proxy.")
    String proxy;

    @Option(names = "--no-proxy", description = "No proxy for any host, whatever https_proxy, all_proxy and no_proxy say.")
    boolean noProxy;

    /** The settings with these options applied; a malformed URL, or both options, is a usage error. */
    DsregSettings apply(DsregSettings settings) {
        ProxySettings p = settings.proxy();
        p = noProxy ? p.withNoProxy() : p;
        p = proxy != null ? p.withProxy(proxy) : p; // after --no-proxy: refused, they disagree
        return settings.withProxy(p);
    }
}
