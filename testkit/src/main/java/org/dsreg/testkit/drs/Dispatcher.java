package org.dsreg.testkit.drs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpExchange;
import org.dsreg.testkit.drs.Fault.Endpoint;
import org.dsreg.testkit.drs.Fault.Kind;

/**
 * The emulator's HTTP handler: reads and records each request (bodies bounded), routes it to its endpoint, applies
 * an injected fault, and sends the answer. Unknown paths get 404, known paths with another method 405, bodies over
 * the limit 413, all with a DRS error body.
 */
final class Dispatcher {
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    /** The most of a refused body read (and thrown away) so that the 413 reaches the client. */
    private static final long DISCARD_LIMIT = 4L * 1024 * 1024;

    private final EmulatorState state;
    private final FaultAnswers faults;
    private final DiscoveryEndpoint discovery;
    private final NonceEndpoint nonce;
    private final JoinEndpoint join;
    private final DeviceEndpoint device;
    private final DeviceCodeEndpoint deviceCode;
    private final TokenEndpoint token;
    private final V1TokenEndpoint v1Token;
    private final GraphDevicesEndpoint graph;

    /** Where a request goes: its endpoint, the path parameter, and whether it is the v1 token endpoint. */
    private record Route(Endpoint endpoint, String param, boolean v1) {
    }

    Dispatcher(EmulatorState state) {
        this.state = state;
        this.faults = new FaultAnswers(state);
        this.discovery = new DiscoveryEndpoint(state);
        this.nonce = new NonceEndpoint(state);
        this.join = new JoinEndpoint(state, new BearerAuthentication(state));
        this.device = new DeviceEndpoint(state);
        this.deviceCode = new DeviceCodeEndpoint(state);
        this.token = new TokenEndpoint(state);
        this.v1Token = new V1TokenEndpoint(state);
        this.graph = new GraphDevicesEndpoint(state);
    }

    void handle(HttpExchange exchange) throws IOException {
        EmulatorResponse response;
        boolean truncate = false;
        try {
            EmulatorRequest request = read(exchange);
            if (request == null) {
                response = state.drsError(new DrsError(413, DrsError.TOO_LARGE,
                        "the request body is larger than " + state.config.maxBodyBytes + " bytes"));
            } else {
                Route route = route(request);
                Fault fault = faults.take(route.endpoint());
                if (fault != null && fault.kind() == Kind.DELAY) {
                    Thread.sleep(fault.delay().toMillis());
                    fault = null;
                }
                if (fault != null && fault.kind() == Kind.TRUNCATED_BODY) {
                    truncate = true;
                    fault = null;
                }
                response = fault != null ? faults.answer(route.endpoint(), fault, request) : serve(route, request);
            }
        } catch (DrsError e) {
            response = state.drsError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        } catch (RuntimeException | IOException e) {
            response = state.drsError(new DrsError(500, DrsError.INTERNAL, "emulator failure: " + e));
        }
        try {
            send(exchange, response, truncate);
        } catch (IOException e) {
            if (truncate) {
                // out of the handler: the JDK server then closes the connection at once
                throw e;
            }
            // else the client went away
        }
    }

    private EmulatorResponse serve(Route route, EmulatorRequest request) throws DrsError {
        try {
            return switch (route.endpoint()) {
                case DISCOVERY -> discovery.serve(route.param(), request);
                case NONCE -> nonce.serve(route.param(), request);
                case JOIN -> join.serve(request);
                case DELETE -> device.serve(route.param(), request);
                case DEVICE_CODE -> deviceCode.serve(route.param(), request);
                case TOKEN -> route.v1() ? v1Token.serve(route.param(), request) : token.serve(route.param(), request);
                case GRAPH_DEVICES -> graph.serve(request);
            };
        } catch (OAuthError e) {
            return OAuthForms.error(state, e, request);
        }
    }

    /**
     * Reads what is left of a refused body without keeping it. Closing a connection with unread
     * request data makes TCP reset it, and a client still sending can then lose the 413 itself.
     * Bounded: past the limit the connection is closed anyway.
     */
    private static void discard(InputStream in) throws IOException {
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        int n;
        while (total < DISCARD_LIMIT && (n = in.read(buf)) >= 0) {
            total += n;
        }
    }

    /** The request, recorded; {@code null} when its body is over the limit. */
    private EmulatorRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String path = exchange.getRequestURI().getPath();
        int max = state.config.maxBodyBytes;
        byte[] body;
        boolean tooLarge = false;
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long declaredLength;
        try {
            declaredLength = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            declaredLength = -1;
        }
        try (InputStream in = exchange.getRequestBody()) {
            if (declaredLength > max) {
                body = new byte[0];
                tooLarge = true;
            } else {
                body = in.readNBytes(max + 1);
                if (body.length > max) {
                    body = Arrays.copyOf(body, max);
                    tooLarge = true;
                }
            }
            if (tooLarge) {
                discard(in);
            }
        }
        RecordedRequest recorded = new RecordedRequest(exchange.getRequestMethod(), path == null ? "" : path,
                rawQuery == null ? "" : rawQuery, headers, body, Instant.now());
        synchronized (state.lock) {
            state.requests.addLast(recorded);
            while (state.requests.size() > state.config.maxEntries) {
                state.requests.removeFirst();
            }
        }
        if (tooLarge) {
            return null;
        }
        return new EmulatorRequest(exchange, exchange.getRequestMethod(), recorded.path(), OAuthForms.query(rawQuery),
                headers, body);
    }

    private static Route route(EmulatorRequest request) throws DrsError {
        String path = request.path();
        String[] s = path.split("/", -1);
        // s[0] is "" for a path starting with '/'
        Route route = null;
        String allowed = null;
        if (s.length == 3 && s[1].equals("v1.0") && s[2].equals("devices")) {
            route = new Route(Endpoint.GRAPH_DEVICES, null, false);
            allowed = "GET";
        } else if (s.length == 3 && s[2].equalsIgnoreCase("Discover")) {
            route = new Route(Endpoint.DISCOVERY, s[1], false);
            allowed = "GET";
        } else if (s.length >= 4 && s.length <= 5 && s[1].equals("EnrollmentServer") && s[2].equals("nonce")
                && (s.length == 4 || s[4].isEmpty())) {
            route = new Route(Endpoint.NONCE, s[3], false);
            allowed = "GET";
        } else if (s.length >= 3 && s.length <= 4 && s[1].equals("EnrollmentServer") && s[2].equals("device")
                && (s.length == 3 || s[3].isEmpty())) {
            route = new Route(Endpoint.JOIN, null, false);
            allowed = "POST";
        } else if (s.length == 4 && s[1].equals("EnrollmentServer") && s[2].equals("device")) {
            route = new Route(Endpoint.DELETE, s[3], false);
            allowed = "GET".equals(request.method()) ? "GET" : "DELETE"; // GET: the device's own status
        } else if (s.length == 5 && s[2].equals("oauth2") && s[3].equals("v2.0") && s[4].equals("devicecode")) {
            route = new Route(Endpoint.DEVICE_CODE, s[1], false);
            allowed = "POST";
        } else if (s.length == 5 && s[2].equals("oauth2") && s[3].equals("v2.0") && s[4].equals("token")) {
            route = new Route(Endpoint.TOKEN, s[1], false);
            allowed = "POST";
        } else if (s.length == 4 && s[2].equals("oauth2") && s[3].equals("token")) {
            route = new Route(Endpoint.TOKEN, s[1], true);
            allowed = "POST";
        }
        if (route == null) {
            throw new DrsError(404, DrsError.NOT_FOUND, "no such resource: " + path);
        }
        if (!allowed.equals(request.method())) {
            throw new DrsError(405, DrsError.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed on " + path + "; use " + allowed);
        }
        return route;
    }

    private void send(HttpExchange exchange, EmulatorResponse response, boolean truncate) throws IOException {
        try {
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            int status = response.status();
            byte[] body = response.body();
            if (truncate && body.length == 0) {
                body = state.bytes(Map.of("Message", "this body is cut short on purpose (TRUNCATED_BODY)"));
            }
            if (body.length > 0) {
                exchange.getResponseHeaders().set("Content-Type", JSON_TYPE);
            }
            if (truncate) {
                exchange.sendResponseHeaders(status, body.length + 1024L);
                OutputStream out = exchange.getResponseBody();
                out.write(body, 0, body.length / 2);
                out.flush();
                // an exception out of the handler makes the JDK server close the connection at once
                throw new IOException("response truncated on purpose");
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            if (!truncate) {
                exchange.close();
            }
        }
    }
}
