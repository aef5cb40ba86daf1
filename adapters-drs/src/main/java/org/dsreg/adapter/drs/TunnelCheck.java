package org.dsreg.adapter.drs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.dsreg.domain.ErrorKind;
import org.dsreg.port.out.DrsException;

/**
 * One CONNECT to a proxy, then closed: whether the proxy opens a tunnel to a host and port, with the URL's
 * credentials (Basic) when it has some. Only the status line of the answer is read.
 */
final class TunnelCheck {
    private static final int MAX_LINE = 8192;

    private final Duration timeout;

    TunnelCheck(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @throws DrsException {@code QUERY_FAILED}, naming the proxy, when it cannot be reached or answers other than 2xx
     */
    void open(ProxyUrl proxy, String host, int port) {
        String target = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), millis);
            socket.setSoTimeout(millis);
            StringBuilder request = new StringBuilder("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n");
            proxy.basicAuthorization().ifPresent(a -> request.append(ProxyCredentials.HEADER).append(": ").append(a)
                    .append("\r\n"));
            request.append("User-Agent: ").append(DrsSettings.CLIENT_NAME).append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            int status = status(statusLine(socket.getInputStream()));
            if (status < 0) {
                throw failure("the proxy " + ProxyFailures.name(proxy) + " did not answer the CONNECT in HTTP", null);
            }
            if (status < 200 || status > 299) {
                throw failure(ProxyFailures.refusedTunnel(proxy, target, status), null);
            }
        } catch (InterruptedIOException e) {
            throw failure("the proxy " + ProxyFailures.name(proxy) + " did not answer the CONNECT within "
                    + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw failure(ProxyFailures.describe(proxy, target, e), e);
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n' && line.length() < MAX_LINE; c = in.read()) {
            line.append((char) c);
        }
        return line.toString().strip();
    }

    /** The status of "HTTP/1.1 200 Connection established"; -1 when it is no HTTP status line. */
    static int status(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
            return -1;
        }
        return Integer.parseInt(parts[1]);
    }

    private static DrsException failure(String message, Throwable cause) {
        return new DrsException(ErrorKind.QUERY_FAILED, message, 0, null, null, cause);
    }
}
