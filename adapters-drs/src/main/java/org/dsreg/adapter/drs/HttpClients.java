package org.dsreg.adapter.drs;

import javax.inject.Inject;
import javax.inject.Singleton;
import okhttp3.OkHttpClient;

/**
 * One OkHttp client for DRS and the token endpoints, built on first use (which is when the proxy variables are
 * checked); TLS always verified; through the proxy {@link ProxyConfig} chooses, in a CONNECT tunnel.
 */
@Singleton
final class HttpClients {
    private final DrsSettings settings;
    private Tls tls;
    private OkHttpClient client;

    @Inject
    HttpClients(DrsSettings settings) {
        this.settings = settings;
    }

    synchronized Tls tls() {
        if (tls == null) {
            tls = Tls.of(settings.extraTrustedCa());
        }
        return tls;
    }

    synchronized OkHttpClient client() {
        if (client == null) {
            Tls t = tls();
            settings.proxy().validate();
            client = new OkHttpClient.Builder()
                    .proxySelector(new ConfiguredProxySelector(settings.proxy()))
                    .proxyAuthenticator(new ProxyCredentials(settings.proxy()))
                    .addInterceptor(new ProxyFailures(settings.proxy()))
                    .sslSocketFactory(t.context(null).getSocketFactory(), t.trustManager())
                    .callTimeout(settings.requestTimeout())
                    .connectTimeout(settings.requestTimeout())
                    .readTimeout(settings.requestTimeout())
                    .writeTimeout(settings.requestTimeout())
                    .followRedirects(false)
                    .retryOnConnectionFailure(false)
                    .build();
        }
        return client;
    }
}
