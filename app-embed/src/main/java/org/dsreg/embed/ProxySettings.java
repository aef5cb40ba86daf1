package org.dsreg.embed;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dsreg.adapter.drs.DrsAdapterModule;

/**
 * The proxy for dsreg's HTTPS requests, as curl reads it: {@code proxy} (the CLI's {@code --proxy URL}) or
 * {@code noProxy} ({@code --no-proxy}) when given, else the environment's {@code https_proxy}, {@code HTTPS_PROXY},
 * {@code all_proxy}, {@code ALL_PROXY}, with {@code no_proxy} / {@code NO_PROXY}. Only http:// proxies, HTTPS going
 * through them in a CONNECT tunnel; {@code user:password@} in the URL authenticates (Basic). A malformed
 * {@code proxy}, or both options, is refused here (exit 1); a malformed variable only by a request that would use it.
 *
 * @param proxy       a proxy URL that wins over the environment
 * @param noProxy     no proxy, whatever the environment says
 * @param environment the proxy variables (others are dropped)
 */
public record ProxySettings(Optional<String> proxy, boolean noProxy, Map<String, String> environment) {
    public ProxySettings {
        Objects.requireNonNull(proxy, "proxy");
        environment = environment.entrySet().stream().filter(e -> DrsAdapterModule.readsProxyVariable(e.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        DrsAdapterModule.checkProxyOptions(proxy, noProxy, environment); // refuses what is refused at once
    }

    /** No proxy and no proxy variables. */
    public static ProxySettings none() {
        return new ProxySettings(Optional.empty(), false, Map.of());
    }

    /** What the environment says. */
    public static ProxySettings fromEnvironment(Map<String, String> env) {
        return new ProxySettings(Optional.empty(), false, env);
    }

    /** This proxy URL, whatever the environment says. */
    public ProxySettings withProxy(String url) {
        return new ProxySettings(Optional.of(url), noProxy, environment);
    }

    /** No proxy, whatever the environment says. */
    public ProxySettings withNoProxy() {
        return new ProxySettings(proxy, true, environment);
    }

    /** Names what is set, never a URL (it may hold a password). */
    @Override
    public String toString() {
        return "ProxySettings[proxy=" + (proxy.isPresent() ? "(set)" : "(none)") + ", noProxy=" + noProxy
                + ", environment=" + environment.keySet().stream().sorted().toList() + "]";
    }
}
