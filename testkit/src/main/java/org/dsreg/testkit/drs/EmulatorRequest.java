package org.dsreg.testkit.drs;

import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/**
 * A request as the endpoints see it.
 *
 * @param exchange the JDK exchange (for the TLS session)
 * @param method   the HTTP method
 * @param path     the decoded path
 * @param query    the decoded query parameters (the first of each name)
 * @param headers  the headers, names lower-cased
 * @param body     the body
 */
record EmulatorRequest(HttpExchange exchange, String method, String path, Map<String, String> query,
                       Map<String, List<String>> headers, byte[] body) {

    /**
     * The first value of a header.
     *
     * @param name the lower-case name
     * @return the value, or {@code null}
     */
    String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
