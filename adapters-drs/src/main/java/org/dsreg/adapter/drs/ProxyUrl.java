package org.dsreg.adapter.drs;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;

/**
 * An HTTP proxy, read as curl reads {@code https_proxy} and {@code --proxy}: {@code [http://][user[:password]@]host[:port][/]},
 * no scheme meaning http and no port meaning 1080. HTTPS and SOCKS proxies are refused as unsupported rather than
 * ignored. The password never appears in {@link #toString()} or {@link #display()}.
 */
final class ProxyUrl {
    /** curl's default proxy port. */
    static final int DEFAULT_PORT = 1080;

    private final String host;
    private final int port;
    private final Optional<String> user;
    private final Optional<String> password;
    private final String source;

    private ProxyUrl(String host, int port, Optional<String> user, Optional<String> password, String source) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.source = source;
    }

    /**
     * Parses a proxy URL given by {@code source} (an option or variable name, for messages).
     *
     * @throws DsregException {@link ErrorKind#INVALID_ARGUMENTS} when it is malformed or not an http proxy
     */
    static ProxyUrl parse(String text, String source) {
        String t = text.strip();
        int scheme = t.indexOf("://");
        String lower = scheme < 0 ? "http" : t.substring(0, scheme).toLowerCase(Locale.ROOT);
        if (lower.equals("https") || lower.startsWith("socks")) {
            throw refused(source, "the " + lower + ":// proxy scheme is not supported; dsreg supports http:// proxies"
                    + " (HTTPS goes through them in a CONNECT tunnel)");
        }
        if (!lower.equals("http")) {
            throw refused(source, "'" + lower + "://' is not a proxy scheme; use http://host:port");
        }
        URI uri;
        try {
            uri = new URI(scheme < 0 ? "http://" + t : "http" + t.substring(scheme));
        } catch (URISyntaxException e) {
            throw refused(source, "not a URL (" + e.getReason() + ")");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw refused(source, "no host name, or one that is not valid");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw refused(source, "a proxy URL has no path, query or fragment");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw refused(source, "port " + uri.getPort() + " is not a port");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
            password = Optional.of(colon < 0 ? "" : decode(info.substring(colon + 1)));
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new ProxyUrl(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), user, password, source);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static DsregException refused(String source, String why) {
        // the text is not repeated: it may hold a password
        return DsregException.invalidArgument("the proxy in " + source + " is not usable: " + why);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** Where it was given: {@code --proxy} or the variable's name. */
    String source() {
        return source;
    }

    boolean hasCredentials() {
        return user.isPresent();
    }

    /** The value of a Basic {@code Proxy-Authorization} header, when the URL has credentials. */
    Optional<String> basicAuthorization() {
        return user.map(u -> "Basic " + Base64.getEncoder().encodeToString(
                (u + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code host:port}, IPv6 literals bracketed; never credentials. */
    String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The URL with the password masked: {@code http://user:****@host:port}. */
    String display() {
        return "http://" + user.map(u -> u + ":****@").orElse("") + hostPort();
    }

    @Override
    public String toString() {
        return display();
    }
}
