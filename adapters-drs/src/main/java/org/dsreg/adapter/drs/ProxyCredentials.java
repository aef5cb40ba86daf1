package org.dsreg.adapter.drs;

import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Basic credentials for the CONNECT, from the proxy URL's {@code user:password@}: sent at once (OkHttp asks before
 * the first CONNECT with a made-up challenge), and not again once the proxy has refused them.
 */
final class ProxyCredentials implements Authenticator {
    static final String HEADER = "Proxy-Authorization";

    private final ProxyConfig config;

    ProxyCredentials(ProxyConfig config) {
        this.config = config;
    }

    @Override
    public Request authenticate(Route route, Response response) {
        if (response.request().header(HEADER) != null) {
            return null; // refused: OkHttp reports it, ProxyFailures says so
        }
        return config.route(route.address().url().uri()).proxy().flatMap(ProxyUrl::basicAuthorization)
                .map(value -> response.request().newBuilder().header(HEADER, value).build())
                .orElse(null);
    }
}
