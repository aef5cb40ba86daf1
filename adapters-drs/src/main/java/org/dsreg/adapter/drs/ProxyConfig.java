package org.dsreg.adapter.drs;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dsreg.domain.DsregException;

/**
 * Which proxy dsreg's HTTPS requests take, chosen as curl chooses: {@code --no-proxy}, direct for every host; else
 * {@code --proxy URL} when given, else {@code https_proxy}, then {@code HTTPS_PROXY}, then {@code all_proxy}, then
 * {@code ALL_PROXY} (the first set and not empty); in both cases unless {@code no_proxy} (else {@code NO_PROXY})
 * names the host (curl's lib/url.c applies no_proxy to a {@code -x} proxy too: only its {@code --noproxy} overrides).
 * No host is bypassed that {@code no_proxy} does not name, loopback included. A malformed {@code --proxy} is refused
 * at once; a malformed variable only when a request is about to use it ({@link #validate()}), so that actions that
 * make no request never fail on it.
 */
final class ProxyConfig {
    /** The variables read, in curl's order for an https URL. */
    static final List<String> PROXY_VARIABLES = List.of("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY");
    static final List<String> NO_PROXY_VARIABLES = List.of("no_proxy", "NO_PROXY");

    private final Optional<ProxyUrl> option;
    private final boolean noProxy;
    private final Map<String, String> environment;

    private ProxyConfig(Optional<ProxyUrl> option, boolean noProxy, Map<String, String> environment) {
        this.option = option;
        this.noProxy = noProxy;
        this.environment = environment;
    }

    /**
     * The choice from the options and the environment (only the proxy variables of which are kept).
     *
     * @throws DsregException {@code INVALID_ARGUMENTS} when both options are given or {@code --proxy} is malformed
     */
    static ProxyConfig of(Optional<String> proxyOption, boolean noProxyOption, Map<String, String> env) {
        if (proxyOption.isPresent() && noProxyOption) {
            throw DsregException.invalidArgument("--proxy and --no-proxy disagree: give one of them");
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : PROXY_VARIABLES) {
            nonEmpty(env.get(name)).ifPresent(v -> kept.put(name, v));
        }
        for (String name : NO_PROXY_VARIABLES) {
            nonEmpty(env.get(name)).ifPresent(v -> kept.put(name, v));
        }
        return new ProxyConfig(proxyOption.map(p -> ProxyUrl.parse(p, "--proxy")), noProxyOption, Map.copyOf(kept));
    }

    /** Whether this environment variable is one of those read. */
    static boolean reads(String variable) {
        return PROXY_VARIABLES.contains(variable) || NO_PROXY_VARIABLES.contains(variable);
    }

    /** No proxy whatever the environment says (as {@code --no-proxy}). */
    static ProxyConfig direct() {
        return new ProxyConfig(Optional.empty(), true, Map.of());
    }

    /**
     * Checks the proxy variables that would be used.
     *
     * @throws DsregException {@code INVALID_ARGUMENTS} naming the variable when its proxy URL is malformed
     */
    void validate() {
        if (option.isEmpty() && !noProxy) {
            environmentProxy();
        }
    }

    /** The route of a request to this URL. */
    ProxyRoute route(URI url) {
        if (noProxy) {
            return ProxyRoute.direct("--no-proxy");
        }
        Optional<ProxyUrl> proxy = option.isPresent() ? option : environmentProxy();
        if (proxy.isEmpty()) {
            return ProxyRoute.direct("no https_proxy, HTTPS_PROXY, all_proxy or ALL_PROXY is set");
        }
        Optional<String> noProxyName = NO_PROXY_VARIABLES.stream().filter(environment::containsKey).findFirst();
        if (noProxyName.isPresent() && url.getHost() != null
                && NoProxy.parse(environment.get(noProxyName.get())).matches(url.getHost(), port(url))) {
            return ProxyRoute.direct(noProxyName.get() + " names " + url.getHost());
        }
        return ProxyRoute.via(proxy.get());
    }

    private Optional<ProxyUrl> environmentProxy() {
        return PROXY_VARIABLES.stream().filter(environment::containsKey).findFirst()
                .map(name -> ProxyUrl.parse(environment.get(name), name));
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
