package org.dsreg.adapter.drs;

import dagger.Module;
import dagger.Provides;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.dsreg.domain.DsregException;

/**
 * The DRS adapter, as the one public door into its package: how it reaches DRS and the sign-in service, given here,
 * and the ports it implements ({@link DrsBindings}). Everything else in the package is package-private; a component
 * includes this module and passes an instance.
 */
@Module(includes = DrsBindings.class)
public final class DrsAdapterModule {
    private final DrsSettings settings;

    /**
     * @param discoveryBase    the DRS discovery base URL (https)
     * @param extraTrustedCa   a PEM file of CAs trusted besides the system's, only when asked for
     * @param requestTimeout   how long one request may take
     * @param clientVersion    sent in {@code ocp-adrs-client-version}
     * @param proxy            a proxy URL ({@code --proxy}) that wins over the environment
     * @param noProxy          no proxy whatever the environment says ({@code --no-proxy})
     * @param proxyEnvironment the environment, of which only the proxy variables are read
     * @throws DsregException {@code INVALID_ARGUMENTS} when the URL is not https or the proxy options are refused
     */
    public DrsAdapterModule(URI discoveryBase, Optional<Path> extraTrustedCa, Duration requestTimeout,
                            String clientVersion, Optional<String> proxy, boolean noProxy,
                            Map<String, String> proxyEnvironment) {
        this.settings = new DrsSettings(discoveryBase, extraTrustedCa, requestTimeout, clientVersion,
                ProxyConfig.of(proxy, noProxy, proxyEnvironment));
    }

    /** Whether this environment variable is one the proxy choice reads (the others may be dropped). */
    public static boolean readsProxyVariable(String variable) {
        return ProxyConfig.reads(variable);
    }

    /**
     * Refuses at once what the proxy choice refuses at once: both options, or a malformed {@code proxy}. A malformed
     * variable is refused only by a request that would use it.
     *
     * @throws DsregException {@code INVALID_ARGUMENTS}, naming what is wrong (never a password)
     */
    public static void checkProxyOptions(Optional<String> proxy, boolean noProxy, Map<String, String> environment) {
        ProxyConfig.of(proxy, noProxy, environment);
    }

    @Provides
    DrsSettings drsSettings() {
        return settings;
    }
}
