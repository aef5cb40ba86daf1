package org.dsreg.adapter.drs;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How dsreg reaches DRS: the discovery base URL, an extra CA to trust (only by explicit option;
 * the system's CAs are always trusted and TLS is always verified), the timeout of one request,
 * the client version sent in {@code ocp-adrs-client-version}, and the proxy choice.
 */
record DrsSettings(URI discoveryBase, Optional<Path> extraTrustedCa, Duration requestTimeout,
                          String clientVersion, ProxyConfig proxy) {
    static final String CLIENT_NAME = "dsreg";

    public DrsSettings {
        Objects.requireNonNull(discoveryBase, "discoveryBase");
        Objects.requireNonNull(extraTrustedCa, "extraTrustedCa");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(clientVersion, "clientVersion");
        Objects.requireNonNull(proxy, "proxy");
        if (!isHttps(discoveryBase)) {
            throw new org.dsreg.domain.DsregException(org.dsreg.domain.ErrorKind.INVALID_ARGUMENTS,
                    "the DRS URL must be an https URL with a host: " + discoveryBase);
        }
    }

    /** Settings that reach DRS directly, whatever the environment says. */
    DrsSettings(URI discoveryBase, Optional<Path> extraTrustedCa, Duration requestTimeout, String clientVersion) {
        this(discoveryBase, extraTrustedCa, requestTimeout, clientVersion, ProxyConfig.direct());
    }

    /** Whether a URL is https (the scheme in any case: RFC 3986 schemes are case-insensitive) with a host. */
    static boolean isHttps(URI url) {
        return "https".equalsIgnoreCase(url.getScheme()) && url.getHost() != null;
    }
}
