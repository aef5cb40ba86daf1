package org.dsreg.adapter.drs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Failures of requests that go through a proxy, said in terms of the proxy: its {@code host:port} and where it was
 * given, never its credentials. A connection that fails can only be the one to the proxy; a CONNECT answered with
 * anything but 200 is the proxy refusing the tunnel (407: the credentials). A timeout is a {@link ProxyTimeout}.
 */
final class ProxyFailures implements Interceptor {
    /** OkHttp's words for a CONNECT answered otherwise than 200 or 407. */
    private static final Pattern CONNECT_STATUS = Pattern.compile("Unexpected response code for CONNECT: (\\d+)");
    /** OkHttp's words for a 407 its authenticator would not answer. */
    private static final String AUTHENTICATION_FAILED = "Failed to authenticate with proxy";

    private final ProxyConfig config;

    ProxyFailures(ProxyConfig config) {
        this.config = config;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        try {
            return chain.proceed(chain.request());
        } catch (IOException e) {
            Optional<ProxyUrl> proxy = config.route(chain.request().url().uri()).proxy();
            if (proxy.isEmpty()) {
                throw e;
            }
            if (e instanceof InterruptedIOException || chain.call().isCanceled()) { // read or call timeout
                ProxyTimeout timeout = new ProxyTimeout(name(proxy.get()));
                timeout.addSuppressed(e);
                throw timeout;
            }
            String target = chain.request().url().host() + ":" + chain.request().url().port();
            IOException said = new IOException(describe(proxy.get(), target, e)); // no cause: its text would win
            said.addSuppressed(e);
            throw said;
        }
    }

    /** The failure of a request to {@code target} (host:port) through {@code proxy}, on one line. */
    static String describe(ProxyUrl proxy, String target, IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher status = CONNECT_STATUS.matcher(message);
        if (status.find()) {
            return refusedTunnel(proxy, target, Integer.parseInt(status.group(1)));
        }
        if (message.contains(AUTHENTICATION_FAILED)) {
            return refusedTunnel(proxy, target, 407);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException) {
            return "cannot connect to the proxy " + name(proxy) + ": " + DrsCalls.oneLine(e);
        }
        return DrsCalls.oneLine(e) + " (through the proxy " + name(proxy) + ")";
    }

    /**
     * The proxy's answer to a CONNECT other than 200. 407 (or 401, tinyproxy's answer to wrong credentials) after
     * credentials were sent is their refusal.
     */
    static String refusedTunnel(ProxyUrl proxy, String target, int status) {
        if (proxy.hasCredentials() && (status == 407 || status == 401)) {
            return "the proxy " + name(proxy) + " refused the credentials in its URL (HTTP " + status + ")";
        }
        if (status == 407) {
            return "the proxy " + name(proxy) + " asks for credentials (HTTP 407): give them in its URL,"
                    + " http://user:password@" + proxy.hostPort();
        }
        return "the proxy " + name(proxy) + " refused the tunnel to " + target + " (HTTP " + status + " to CONNECT)";
    }

    /** "host:port (from https_proxy)". */
    static String name(ProxyUrl proxy) {
        return proxy.hostPort() + " (from " + proxy.source() + ")";
    }
}
