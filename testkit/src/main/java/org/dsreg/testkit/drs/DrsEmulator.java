package org.dsreg.testkit.drs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.dsreg.testkit.TestCertificates;
import org.dsreg.testkit.drs.Fault.Endpoint;
import org.dsreg.testkit.drs.Fault.Kind;

/**
 * A local emulator of the Microsoft Device Registration Service (MS-DRS) and of the parts of the Entra ID token
 * service a device join needs, over HTTPS on 127.0.0.1 (JDK {@link HttpsServer}), for one tenant.
 *
 * <p>Endpoints, relative to {@link #baseUrl()}:
 * <ul>
 *   <li>{@code GET /{tenantIdOrDomain}/Discover?api-version=1.9} (any further query parameter such as
 *       {@code managed=True} is ignored): the discovery document; 404 for another tenant, 400 without
 *       {@code api-version=1.9}.</li>
 *   <li>{@code GET /EnrollmentServer/nonce/{tenantIdOrDomain}/?api-version=1.0}:
 *       {@code {"ReponseStatus":{…},"Value":"<nonce>"}}.</li>
 *   <li>{@code POST /EnrollmentServer/device/?api-version=2.0}: the join, validated strictly (see
 *       {@link #failNext(Fault)} for the faults and the package description for the rules).</li>
 *   <li>{@code DELETE /EnrollmentServer/device/{deviceId}[?api-version=1.0]}: authenticated by the TLS client
 *       certificate the emulator issued for that device; 204, 401 (no client certificate), 403 (another
 *       certificate), 404 (unknown or already deleted).</li>
 *   <li>{@code POST /{tenant}/oauth2/v2.0/devicecode} and {@code POST /{tenant}/oauth2/v2.0/token}: the OAuth 2.0
 *       device authorization grant, issuing DRS access tokens for {@link Builder#deviceCodeUser(String)}.</li>
 * </ul>
 * Every answer with a body is JSON ({@code application/json; charset=utf-8}). Unknown paths get 404, known paths
 * with another method 405, both with a DRS error body; request bodies over the limit get 413.
 *
 * <p>Memory is bounded: at most {@link Builder#maxEntries(int)} devices, nonces, device codes and recorded
 * requests are kept (the oldest are dropped). {@link #close()} stops the server and its threads.
 */
public final class DrsEmulator implements AutoCloseable {

    /** The audience of DRS access tokens and the {@code *ResourceId} of every discovered service. */
    public static final String DRS_RESOURCE = "urn:ms-drs:enterpriseregistration.windows.net";
    /** The application id of the Device Registration Service (the resource of the DRS scope). */
    public static final String DRS_APP_ID = "01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9";
    /** The client id of the Microsoft Authentication Broker. */
    public static final String BROKER_CLIENT_ID = "29d9ed98-a469-4536-ade2-f981bc1d605e";
    /** The subject CN every join CSR must carry. */
    public static final String CSR_SUBJECT_CN = "7E980AD9-B86D-4306-9425-9AC066FB014A";
    /** The OID of the nonce extension in a join CSR. */
    public static final String OID_NONCE = "1.2.840.113556.1.5.284.2.1";
    /** The OAuth grant type of the device authorization grant. */
    public static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private static final DateTimeFormatter ERROR_TIME =
            DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NONCE_TIME =
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OAUTH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final char[] STORE_PASSWORD = "drs-emulator".toCharArray();
    private static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789";

    private final Builder config;
    private final UUID tenantId;
    private final TestCertificates ca;
    private final KeyPair tokenKey;
    private final Path caPem;
    private final HttpsServer server;
    private final ThreadPoolExecutor executor;
    private final String baseUrl;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    private final Object lock = new Object();
    private final Map<String, RegisteredDevice> devices;
    private final Map<String, Instant> nonces;
    private final Map<String, Boolean> usedNonces;
    private final Map<String, DeviceCode> deviceCodes;
    private final ArrayDeque<RecordedRequest> requests = new ArrayDeque<>();
    private final Map<Endpoint, ArrayDeque<Fault>> faults = new EnumMap<>(Endpoint.class);
    private boolean closed;

    /** The state of one device code of the device authorization grant. */
    private static final class DeviceCode {
        final String clientId;
        final String scope;
        final long expiresAtNanos;
        long lastPollNanos;
        long intervalNanos;
        int polls;
        boolean redeemed;
        String terminalError;

        DeviceCode(String clientId, String scope, long now, long lifetimeNanos, long intervalNanos) {
            this.clientId = clientId;
            this.scope = scope;
            this.expiresAtNanos = now + lifetimeNanos;
            this.lastPollNanos = now;
            this.intervalNanos = intervalNanos;
        }
    }

    /** An answer ready to send. */
    private record Response(int status, byte[] body, Map<String, String> headers) {
        Response(int status, byte[] body) {
            this(status, body, Map.of());
        }
    }

    /** A parsed request. */
    private record Request(HttpExchange exchange, String method, String path, Map<String, String> query,
                           Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** Where a request goes. */
    private record Route(Endpoint endpoint, String param) {
    }

    private DrsEmulator(Builder config, Path workDir) throws IOException, GeneralSecurityException {
        this.config = config;
        this.tenantId = config.tenantId == null ? UUID.randomUUID() : config.tenantId;
        this.devices = bounded(config.maxEntries);
        this.nonces = bounded(config.maxEntries);
        this.usedNonces = bounded(config.maxEntries);
        this.deviceCodes = bounded(config.maxEntries);
        Files.createDirectories(workDir);
        this.ca = TestCertificates.newAuthority("DRS Emulator Test CA " + tenantId.toString().substring(0, 8));
        this.tokenKey = TestCertificates.rsaKeyPair();
        this.caPem = workDir.resolve("drs-ca.pem");
        Files.writeString(caPem, TestCertificates.pem(ca.caCertificate()), StandardCharsets.US_ASCII);

        KeyPair serverKey = TestCertificates.rsaKeyPair();
        Instant now = Instant.now();
        X509Certificate serverCert = ca.tlsServerCertificate(serverKey.getPublic(), "127.0.0.1",
                List.of("localhost"), List.of("127.0.0.1"), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("server", serverKey.getPrivate(), STORE_PASSWORD,
                new Certificate[] {serverCert, ca.caCertificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, STORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), new TrustManager[] {new ClientCertificateTrust(ca.caCertificate())},
                new SecureRandom());

        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(16, 16, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "drs-emulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), config.port), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setWantClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        this.baseUrl = "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Starts an emulator with the default settings: HTTPS on 127.0.0.1 on an ephemeral port, a random tenant id
     * and the domain {@code contoso.example}.
     *
     * @param workDir a directory for the emulator's files (created if missing); {@link #caPem()} is written here
     * @return the running emulator
     */
    public static DrsEmulator start(Path workDir) {
        return builder().start(workDir);
    }

    /**
     * A builder for an emulator with non-default settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The base URL, what a client passes as {@code --drs-url}.
     *
     * @return {@code https://127.0.0.1:<port>}, without a trailing slash
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * The TCP port the emulator listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The PEM file of the CA that signed the TLS server certificate and the device certificates (for
     * {@code --trust-ca}).
     *
     * @return the path of the PEM file in the work directory
     */
    public Path caPem() {
        return caPem;
    }

    /**
     * The CA that signed the TLS server certificate and the device certificates.
     *
     * @return the CA certificate
     */
    public X509Certificate caCertificate() {
        return ca.caCertificate();
    }

    /**
     * The tenant's id.
     *
     * @return the tenant id, a lower-case GUID
     */
    public String tenantId() {
        return tenantId.toString();
    }

    /**
     * The tenant's verified domain; discovery, nonce and OAuth endpoints accept it in place of the tenant id.
     *
     * @return the domain, by default {@code contoso.example}
     */
    public String tenantDomain() {
        return config.tenantDomain;
    }

    /**
     * A DRS access token for a user: an RS256 JWT signed by the emulator with {@code aud} = {@link #DRS_RESOURCE},
     * {@code tid}, {@code upn}, {@code oid}, {@code iat}, {@code nbf} = now and {@code exp} = now + 1 hour.
     *
     * @param upn the user principal name
     * @return the compact JWT
     */
    public String issueAccessToken(String upn) {
        return issueAccessToken(upn, DRS_RESOURCE);
    }

    /**
     * A token like {@link #issueAccessToken(String)} with another audience (for negative tests).
     *
     * @param upn      the user principal name
     * @param audience the {@code aud} claim
     * @return the compact JWT
     */
    public String issueAccessToken(String upn, String audience) {
        return issueAccessToken(upn, audience, Instant.now(), Duration.ofHours(1));
    }

    /**
     * A token like {@link #issueAccessToken(String)} with another audience and validity (e.g. an expired token:
     * {@code issuedAt} two hours ago, lifetime one hour).
     *
     * @param upn      the user principal name
     * @param audience the {@code aud} claim
     * @param issuedAt {@code iat} and {@code nbf}
     * @param lifetime {@code exp} - {@code iat}
     * @return the compact JWT
     */
    public String issueAccessToken(String upn, String audience, Instant issuedAt, Duration lifetime) {
        Objects.requireNonNull(upn, "upn");
        Objects.requireNonNull(audience, "audience");
        long iat = issuedAt.getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("iss", "https://sts.windows.net/" + tenantId + "/");
        claims.put("iat", iat);
        claims.put("nbf", iat);
        claims.put("exp", iat + lifetime.toSeconds());
        claims.put("appid", BROKER_CLIENT_ID);
        claims.put("oid", objectId(upn));
        claims.put("scp", "adrs_access");
        claims.put("tid", tenantId.toString());
        claims.put("unique_name", upn);
        claims.put("upn", upn);
        claims.put("ver", "1.0");
        return Jwt.sign(json, tokenHeader(), claims, tokenKey.getPrivate());
    }

    /**
     * The devices registered so far (at most {@link Builder#maxEntries(int)}, oldest dropped), deleted ones
     * included with {@link RegisteredDevice#deleted()} set.
     *
     * @return a snapshot, by device id, in registration order
     */
    public Map<String, RegisteredDevice> devices() {
        synchronized (lock) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(devices));
        }
    }

    /**
     * The requests received so far (at most {@link Builder#maxEntries(int)}, oldest dropped).
     *
     * @return a snapshot in arrival order
     */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /**
     * Forgets a device, as when an administrator deletes it in the portal: from now on DRS answers its
     * requests (authenticated by its certificate) with 404 NotFound, as for a device deleted through the API.
     *
     * @param deviceId the device id
     * @return whether there was such a live device
     */
    public boolean forgetDevice(String deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        synchronized (lock) {
            RegisteredDevice device = devices.get(deviceId.toLowerCase(Locale.ROOT));
            if (device == null || device.deleted()) {
                return false;
            }
            devices.put(device.deviceId(), device.asDeleted());
            return true;
        }
    }

    /**
     * Makes the next request to {@link Fault#endpoint()} fail as {@link Fault#kind()} says. Faults for one
     * endpoint are used once each, in the order given.
     *
     * @param fault the fault
     */
    public void failNext(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        synchronized (lock) {
            faults.computeIfAbsent(fault.endpoint(), e -> new ArrayDeque<>()).addLast(fault);
        }
    }

    /**
     * Stops the server at once (open exchanges are cut) and its threads; idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Settings of an emulator; every setting has a default.
     */
    public static final class Builder {
        private UUID tenantId;
        private String tenantDomain = "contoso.example";
        private String tenantDisplayName = "Contoso";
        private int port;
        private Duration pollInterval = Duration.ofSeconds(1);
        private int pendingPolls = 1;
        private Duration slowDownIncrement = Duration.ofSeconds(5);
        private Duration deviceCodeLifetime = Duration.ofSeconds(900);
        private String deviceCodeUser;
        private Duration nonceLifetime = Duration.ofMinutes(10);
        private boolean requireNonce;
        private int joinSuccessStatus = 200;
        private int maxEntries = 1000;
        private int maxBodyBytes = 64 * 1024;

        private Builder() {
        }

        /**
         * The tenant id (default: random).
         *
         * @param id the tenant id
         * @return this builder
         */
        public Builder tenantId(UUID id) {
            this.tenantId = Objects.requireNonNull(id);
            return this;
        }

        /**
         * The tenant's domain (default {@code contoso.example}).
         *
         * @param domain the domain
         * @return this builder
         */
        public Builder tenantDomain(String domain) {
            this.tenantDomain = Objects.requireNonNull(domain);
            return this;
        }

        /**
         * The tenant's display name in discovery's {@code TenantInfo.DisplayName} (default {@code Contoso}).
         *
         * @param name the display name
         * @return this builder
         */
        public Builder tenantDisplayName(String name) {
            this.tenantDisplayName = Objects.requireNonNull(name);
            return this;
        }

        /**
         * The TCP port on 127.0.0.1 (default 0: ephemeral).
         *
         * @param port the port
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The device-code polling interval (default 1 s): announced as {@code interval} (whole seconds, rounded
         * up) and enforced: a poll sooner than this after the device-code answer or the previous poll gets
         * {@code slow_down}. Zero disables the check.
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("negative interval");
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * How many timely polls of a device code get {@code authorization_pending} before the token is issued
         * (default 1).
         *
         * @param polls the number of pending answers
         * @return this builder
         */
        public Builder pendingPolls(int polls) {
            if (polls < 0) {
                throw new IllegalArgumentException("negative polls");
            }
            this.pendingPolls = polls;
            return this;
        }

        /**
         * How much longer the required polling interval of a device code becomes after each {@code slow_down}
         * (default 5 s, as RFC 8628 section 3.5 says).
         *
         * @param increment the increment
         * @return this builder
         */
        public Builder slowDownIncrement(Duration increment) {
            if (increment.isNegative()) {
                throw new IllegalArgumentException("negative increment");
            }
            this.slowDownIncrement = increment;
            return this;
        }

        /**
         * How long a device code is valid (default 900 s; {@code expires_in} announces it in whole seconds).
         *
         * @param lifetime the lifetime
         * @return this builder
         */
        public Builder deviceCodeLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("lifetime must be positive");
            }
            this.deviceCodeLifetime = lifetime;
            return this;
        }

        /**
         * The user who "signs in" in the device authorization grant (default {@code user@<tenant domain>}).
         *
         * @param upn the user principal name
         * @return this builder
         */
        public Builder deviceCodeUser(String upn) {
            this.deviceCodeUser = Objects.requireNonNull(upn);
            return this;
        }

        /**
         * How long an issued nonce may be used in a join (default 10 minutes).
         *
         * @param lifetime the lifetime
         * @return this builder
         */
        public Builder nonceLifetime(Duration lifetime) {
            this.nonceLifetime = Objects.requireNonNull(lifetime);
            return this;
        }

        /**
         * Whether a join CSR must carry the nonce extension (default false: optional, as the spec's SHOULD).
         *
         * @param require true to reject joins without a nonce
         * @return this builder
         */
        public Builder requireNonce(boolean require) {
            this.requireNonce = require;
            return this;
        }

        /**
         * The HTTP status of a successful join (default 200; the spec's example shows 201).
         *
         * @param status a 2xx status
         * @return this builder
         */
        public Builder joinSuccessStatus(int status) {
            if (status < 200 || status > 299 || status == 204) {
                throw new IllegalArgumentException("a 2xx status with a body, not " + status);
            }
            this.joinSuccessStatus = status;
            return this;
        }

        /**
         * The most devices, nonces, device codes and recorded requests kept, each (default 1000).
         *
         * @param max the bound
         * @return this builder
         */
        public Builder maxEntries(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max " + max);
            }
            this.maxEntries = max;
            return this;
        }

        /**
         * The largest request body accepted (default 64 KiB); larger bodies get 413.
         *
         * @param max the limit in bytes
         * @return this builder
         */
        public Builder maxBodyBytes(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max " + max);
            }
            this.maxBodyBytes = max;
            return this;
        }

        /**
         * Starts the emulator.
         *
         * @param workDir a directory for the emulator's files (created if missing)
         * @return the running emulator
         */
        public DrsEmulator start(Path workDir) {
            Builder copy = copy();
            if (copy.deviceCodeUser == null) {
                copy.deviceCodeUser = "user@" + copy.tenantDomain;
            }
            try {
                return new DrsEmulator(copy, workDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the DRS emulator", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot start the DRS emulator", e);
            }
        }

        private Builder copy() {
            Builder b = new Builder();
            b.tenantId = tenantId;
            b.tenantDomain = tenantDomain;
            b.tenantDisplayName = tenantDisplayName;
            b.port = port;
            b.pollInterval = pollInterval;
            b.pendingPolls = pendingPolls;
            b.slowDownIncrement = slowDownIncrement;
            b.deviceCodeLifetime = deviceCodeLifetime;
            b.deviceCodeUser = deviceCodeUser;
            b.nonceLifetime = nonceLifetime;
            b.requireNonce = requireNonce;
            b.joinSuccessStatus = joinSuccessStatus;
            b.maxEntries = maxEntries;
            b.maxBodyBytes = maxBodyBytes;
            return b;
        }
    }

    // ------------------------------------------------------------------------------------------ dispatch

    private void handle(HttpExchange exchange) throws IOException {
        Response response;
        boolean truncate = false;
        try {
            Request request = read(exchange);
            if (request == null) {
                response = drsError(new DrsError(413, DrsError.TOO_LARGE,
                        "the request body is larger than " + config.maxBodyBytes + " bytes"));
            } else {
                Route route = route(request);
                Fault fault = takeFault(route.endpoint());
                if (fault != null && fault.kind() == Kind.DELAY) {
                    Thread.sleep(fault.delay().toMillis());
                    fault = null;
                }
                if (fault != null && fault.kind() == Kind.TRUNCATED_BODY) {
                    truncate = true;
                    fault = null;
                }
                response = fault != null ? faultResponse(route.endpoint(), fault, request) : serve(route, request);
            }
        } catch (DrsError e) {
            response = drsError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        } catch (RuntimeException | IOException e) {
            response = drsError(new DrsError(500, DrsError.INTERNAL, "emulator failure: " + e));
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

    /** The most of a refused body read (and thrown away) so that the 413 reaches the client. */
    private static final long DISCARD_LIMIT = 4L * 1024 * 1024;

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

    private Request read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        boolean tooLarge = false;
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long declaredLength = -1;
        try {
            declaredLength = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            declaredLength = -1;
        }
        try (InputStream in = exchange.getRequestBody()) {
            if (declaredLength > config.maxBodyBytes) {
                body = new byte[0];
                tooLarge = true;
            } else {
                body = in.readNBytes(config.maxBodyBytes + 1);
                if (body.length > config.maxBodyBytes) {
                    body = Arrays.copyOf(body, config.maxBodyBytes);
                    tooLarge = true;
                }
            }
            if (tooLarge) {
                discard(in);
            }
        }
        RecordedRequest recorded = new RecordedRequest(exchange.getRequestMethod(), path == null ? "" : path,
                rawQuery == null ? "" : rawQuery, headers, body, Instant.now());
        synchronized (lock) {
            requests.addLast(recorded);
            while (requests.size() > config.maxEntries) {
                requests.removeFirst();
            }
        }
        if (tooLarge) {
            return null;
        }
        return new Request(exchange, exchange.getRequestMethod(), recorded.path(), query(rawQuery), headers, body);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(name, value);
        }
        return q;
    }

    private Route route(Request request) throws DrsError {
        String path = request.path();
        String[] s = path.split("/", -1);
        // s[0] is "" for a path starting with '/'
        Endpoint endpoint = null;
        String param = null;
        String allowed = null;
        if (s.length == 3 && s[2].equalsIgnoreCase("Discover")) {
            endpoint = Endpoint.DISCOVERY;
            param = s[1];
            allowed = "GET";
        } else if (s.length >= 4 && s.length <= 5 && s[1].equals("EnrollmentServer") && s[2].equals("nonce")
                && (s.length == 4 || s[4].isEmpty())) {
            endpoint = Endpoint.NONCE;
            param = s[3];
            allowed = "GET";
        } else if (s.length >= 3 && s.length <= 4 && s[1].equals("EnrollmentServer") && s[2].equals("device")
                && (s.length == 3 || s[3].isEmpty())) {
            endpoint = Endpoint.JOIN;
            allowed = "POST";
        } else if (s.length == 4 && s[1].equals("EnrollmentServer") && s[2].equals("device")) {
            endpoint = Endpoint.DELETE;
            param = s[3];
            allowed = "GET".equals(request.method()) ? "GET" : "DELETE"; // GET: the device's own status
        } else if (s.length == 5 && s[2].equals("oauth2") && s[3].equals("v2.0") && s[4].equals("devicecode")) {
            endpoint = Endpoint.DEVICE_CODE;
            param = s[1];
            allowed = "POST";
        } else if (s.length == 5 && s[2].equals("oauth2") && s[3].equals("v2.0") && s[4].equals("token")) {
            endpoint = Endpoint.TOKEN;
            param = s[1];
            allowed = "POST";
        }
        if (endpoint == null) {
            throw new DrsError(404, DrsError.NOT_FOUND, "no such resource: " + path);
        }
        if (!allowed.equals(request.method())) {
            throw new DrsError(405, DrsError.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed on " + path + "; use " + allowed);
        }
        return new Route(endpoint, param);
    }

    private Fault takeFault(Endpoint endpoint) {
        synchronized (lock) {
            ArrayDeque<Fault> queue = faults.get(endpoint);
            return queue == null ? null : queue.pollFirst();
        }
    }

    private Response serve(Route route, Request request) throws DrsError {
        try {
            return switch (route.endpoint()) {
                case DISCOVERY -> discovery(route.param(), request);
                case NONCE -> nonce(route.param(), request);
                case JOIN -> join(request);
                case DELETE -> "GET".equals(request.method()) ? deviceStatus(route.param(), request)
                        : delete(route.param(), request);
                case DEVICE_CODE -> deviceCode(route.param(), request);
                case TOKEN -> token(route.param(), request);
            };
        } catch (OAuthError e) {
            return oauthError(e, request);
        }
    }

    private void send(HttpExchange exchange, Response response, boolean truncate) throws IOException {
        try {
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            int status = response.status();
            byte[] body = response.body();
            if (truncate && body.length == 0) {
                status = status == 204 ? 200 : status;
                body = bytes(Map.of("Message", "this body is cut short on purpose (TRUNCATED_BODY)"));
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

    // ------------------------------------------------------------------------------------------ faults

    private Response faultResponse(Endpoint endpoint, Fault fault, Request request) {
        boolean oauth = endpoint == Endpoint.TOKEN || endpoint == Endpoint.DEVICE_CODE;
        switch (fault.kind()) {
            case MALFORMED_JSON:
                String first = switch (endpoint) {
                    case DISCOVERY -> "DiscoveryService";
                    case NONCE -> "ReponseStatus";
                    case JOIN, DELETE -> "Certificate";
                    case DEVICE_CODE -> "device_code";
                    case TOKEN -> "token_type";
                };
                return new Response(200, ("{\"" + first + "\":").getBytes(StandardCharsets.UTF_8));
            case ERROR_400:
                return oauth ? oauthError(OAuthError.badRequest("invalid_request", 900144,
                        "injected fault ERROR_400"), request)
                        : drsError(DrsError.badRequest(DrsError.INVALID_PARAMETER, "injected fault ERROR_400"));
            case UNAUTHORIZED_401:
                return oauth ? oauthError(new OAuthError(401, "invalid_client", 7000215,
                        "injected fault UNAUTHORIZED_401"), request)
                        : drsError(new DrsError(401, DrsError.AUTHENTICATION, "injected fault UNAUTHORIZED_401"));
            case SERVER_ERROR_500:
                return oauth ? oauthError(new OAuthError(500, "server_error", 90033,
                        "injected fault SERVER_ERROR_500"), request)
                        : drsError(new DrsError(500, DrsError.INTERNAL, "injected fault SERVER_ERROR_500"));
            case CERT_FOR_OTHER_KEY:
                try {
                    return joinAnswer(ca.deviceCertificate(TestCertificates.rsaKeyPair().getPublic(),
                            UUID.randomUUID(), tenantId, "0", Instant.now().minusSeconds(300),
                            Instant.now().plus(Duration.ofDays(365))), null, "fault@" + config.tenantDomain);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            case WRONG_THUMBPRINT:
                try {
                    RSAPublicKey key = JoinRequest.lenientPublicKey(request.body());
                    X509Certificate cert = ca.deviceCertificate(key != null ? key
                                    : (RSAPublicKey) TestCertificates.rsaKeyPair().getPublic(), UUID.randomUUID(),
                            tenantId, "0", Instant.now().minusSeconds(300), Instant.now().plus(Duration.ofDays(365)));
                    byte[] wrong = thumbprint(cert).getBytes(StandardCharsets.US_ASCII);
                    wrong[0] = (byte) (wrong[0] == 'A' ? 'B' : 'A');
                    return joinAnswer(cert, new String(wrong, StandardCharsets.US_ASCII),
                            "fault@" + config.tenantDomain);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            case SLOW_DOWN:
                return oauthError(OAuthError.badRequest("slow_down", 70016,
                        "injected fault SLOW_DOWN: poll less often"), request);
            case EXPIRED_TOKEN:
                terminate(request, "expired_token");
                return oauthError(OAuthError.badRequest("expired_token", 70019,
                        "injected fault EXPIRED_TOKEN: the device code expired"), request);
            case ACCESS_DENIED:
                terminate(request, "access_denied");
                return oauthError(OAuthError.badRequest("access_denied", 70020,
                        "injected fault ACCESS_DENIED: the user declined the sign-in"), request);
            default:
                throw new IllegalStateException("not a response fault: " + fault);
        }
    }

    private void terminate(Request request, String error) {
        String code = form(request).get("device_code");
        if (code != null) {
            synchronized (lock) {
                DeviceCode state = deviceCodes.get(code);
                if (state != null) {
                    state.terminalError = error;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ discovery

    private Response discovery(String tenant, Request request) throws DrsError {
        requireApiVersion(request, "1.9");
        requireTenant(tenant);
        String tid = tenantId.toString();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("DiscoveryService", map(
                "DiscoveryEndpoint", baseUrl + "/" + tid + "/Discover",
                "ServiceVersion", "1.9"));
        d.put("DeviceRegistrationService", map(
                "RegistrationEndpoint", baseUrl + "/EnrollmentServer/DeviceEnrollmentWebService.svc",
                "RegistrationResourceId", DRS_RESOURCE,
                "ServiceVersion", "1.0"));
        d.put("AuthenticationService", map("OAuth2", map(
                "AuthCodeEndpoint", baseUrl + "/" + tid + "/oauth2/v2.0/devicecode",
                "TokenEndpoint", baseUrl + "/" + tid + "/oauth2/v2.0/token")));
        d.put("IdentityProviderService", map(
                "Federated", false,
                "PassiveAuthEndpoint", baseUrl + "/" + tid + "/wsfed"));
        d.put("DeviceJoinService", map(
                "JoinEndpoint", baseUrl + "/EnrollmentServer/device/",
                "JoinResourceId", DRS_RESOURCE,
                "ServiceVersion", "2.0"));
        d.put("KeyProvisioningService", map(
                "KeyProvisionEndpoint", baseUrl + "/EnrollmentServer/key/",
                "KeyProvisionResourceId", DRS_RESOURCE,
                "ServiceVersion", "1.0"));
        d.put("WebAuthNService", map(
                "ServiceVersion", "1.0",
                "WebAuthNEndpoint", baseUrl + "/webauthn/" + tid + "/",
                "WebAuthNResourceId", DRS_RESOURCE));
        d.put("DeviceManagementService", map(
                "DeviceManagementEndpoint", baseUrl + "/manage/" + tid + "/",
                "DeviceManagementResourceId", DRS_RESOURCE,
                "ServiceVersion", "1.0"));
        d.put("MsaProviderData", map(
                "SiteId", "0",
                "SiteUrl", baseUrl.substring("https://".length())));
        d.put("PrecreateService", map(
                "PrecreateEndpoint", baseUrl + "/EnrollmentServer/device/precreate/" + tid + "/",
                "PrecreateResourceId", DRS_RESOURCE,
                "ServiceVersion", "2.0"));
        d.put("TenantInfo", map(
                "DisplayName", config.tenantDisplayName,
                "TenantId", tid,
                "TenantName", config.tenantDomain));
        d.put("AzureRbacService", map(
                "RbacPolicyEndpoint", baseUrl + "/pas"));
        d.put("BPLService", map(
                "BPLProxyServicePrincipalId", UUID.nameUUIDFromBytes(("bpl:" + tid).getBytes(StandardCharsets.UTF_8))
                        .toString(),
                "BPLResourceId", DRS_RESOURCE,
                "BPLServiceEndpoint", baseUrl + "/aadpasswordpolicy/" + tid + "/",
                "ServiceVersion", "1.0"));
        d.put("DeviceJoinResourceService", map(
                "Endpoint", baseUrl + "/EnrollmentServer/device/resource/" + tid + "/",
                "ResourceId", DRS_RESOURCE,
                "ServiceVersion", "2.0"));
        d.put("NonceService", map(
                "Endpoint", baseUrl + "/EnrollmentServer/nonce/" + tid + "/",
                "ResourceId", DRS_RESOURCE,
                "ServiceVersion", "1.0"));
        return new Response(200, bytes(d));
    }

    // ------------------------------------------------------------------------------------------ nonce

    private Response nonce(String tenant, Request request) throws DrsError {
        requireApiVersion(request, "1.0");
        requireTenant(tenant);
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        synchronized (lock) {
            nonces.put(nonce, Instant.now());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ReponseStatus", map(
                "traceId", UUID.randomUUID().toString(),
                "message", "Successful",
                "time", NONCE_TIME.format(Instant.now())));
        body.put("Value", nonce);
        return new Response(200, bytes(body));
    }

    // ------------------------------------------------------------------------------------------ join

    private Response join(Request request) throws DrsError {
        requireApiVersion(request, "2.0");
        String upn = authenticate(request);
        for (String h : List.of("ocp-adrs-client-name", "ocp-adrs-client-version")) {
            String v = request.header(h);
            if (v == null || v.isBlank()) {
                throw DrsError.badRequest(DrsError.MESSAGE_FORMAT, "the " + h + " header is required");
            }
        }
        String contentType = request.header("content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).split(";")[0].trim()
                .equals("application/json")) {
            throw DrsError.badRequest(DrsError.MESSAGE_FORMAT,
                    "Content-Type must be application/json, was " + contentType);
        }
        JoinRequest join = JoinRequest.parse(request.body());
        synchronized (lock) {
            if (join.nonce() != null) {
                if (usedNonces.containsKey(join.nonce())) {
                    throw DrsError.badRequest(DrsError.CERTIFICATE_REQUEST,
                            "the CSR nonce was used already by an earlier join");
                }
                Instant issued = nonces.get(join.nonce());
                if (issued == null) {
                    throw DrsError.badRequest(DrsError.CERTIFICATE_REQUEST,
                            "the CSR nonce was not issued by this service's NonceService");
                }
                if (Instant.now().isAfter(issued.plus(config.nonceLifetime))) {
                    throw DrsError.badRequest(DrsError.CERTIFICATE_REQUEST, "the CSR nonce expired at "
                            + issued.plus(config.nonceLifetime));
                }
                nonces.remove(join.nonce());
                usedNonces.put(join.nonce(), Boolean.TRUE);
            } else if (config.requireNonce) {
                throw DrsError.badRequest(DrsError.CERTIFICATE_REQUEST, "the CSR must carry the nonce extension ("
                        + OID_NONCE + ") with a nonce from the NonceService");
            }
        }
        UUID deviceId = UUID.randomUUID();
        Instant now = Instant.now();
        X509Certificate cert = ca.deviceCertificate(join.publicKey(), deviceId, tenantId,
                Integer.toString(join.joinType()), now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(365)));
        RegisteredDevice device = new RegisteredDevice(deviceId.toString(), cert, join.transportKey(),
                join.displayName(), join.osVersion(), join.joinType(), false, join.deviceType(), join.targetDomain(),
                upn, now);
        synchronized (lock) {
            devices.put(device.deviceId(), device);
        }
        Response ok = joinAnswer(cert, null, upn);
        return new Response(config.joinSuccessStatus, ok.body());
    }

    private Response joinAnswer(X509Certificate cert, String thumbprintOverride, String upn) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Certificate", map(
                    "Thumbprint", thumbprintOverride != null ? thumbprintOverride : thumbprint(cert),
                    "RawBody", Base64.getEncoder().encodeToString(cert.getEncoded())));
            body.put("User", map("Upn", upn));
            body.put("MembershipChanges", List.of());
            return new Response(200, bytes(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String authenticate(Request request) throws DrsError {
        String auth = request.header("authorization");
        if (auth == null || auth.isBlank()) {
            throw unauthorized("the Authorization header is missing (Bearer <DRS access token>)");
        }
        if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("the Authorization header must carry a Bearer token");
        }
        JsonNode claims;
        try {
            claims = Jwt.verify(json, auth.substring(7).trim(), tokenKey.getPublic());
        } catch (IllegalArgumentException e) {
            throw unauthorized(e.getMessage());
        }
        long now = Instant.now().getEpochSecond();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw unauthorized("the token has no numeric exp claim");
        }
        if (now >= exp.asLong()) {
            throw unauthorized("the token expired at " + Instant.ofEpochSecond(exp.asLong()));
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || now + 60 < nbf.asLong())) {
            throw unauthorized("the token is not valid before " + nbf);
        }
        String aud = claims.path("aud").asText("");
        if (!claims.path("aud").isTextual() || !DRS_RESOURCE.equals(aud)) {
            throw unauthorized("the token audience is " + claims.path("aud") + ", not " + DRS_RESOURCE);
        }
        if (!tenantId.toString().equalsIgnoreCase(claims.path("tid").asText(""))) {
            throw unauthorized("the token is for tenant " + claims.path("tid") + ", not " + tenantId);
        }
        String upn = claims.path("upn").asText("");
        if (upn.isBlank()) {
            throw unauthorized("the token has no upn claim");
        }
        return upn;
    }

    private static DrsError unauthorized(String message) {
        return new DrsError(401, DrsError.AUTHENTICATION, message);
    }

    // ------------------------------------------------------------------------------------------ delete

    /**
     * {@code GET /EnrollmentServer/device/{id}}, authenticated like the delete: the device checks
     * that it still exists and is enabled (dsreg's DeviceAuthStatus). 200 with the device's
     * facts, 404 once deleted.
     */
    private Response deviceStatus(String id, Request request) throws DrsError {
        RegisteredDevice device;
        synchronized (lock) {
            device = authenticatedDevice(id, request);
        }
        return new Response(200, bytes(Map.of("DeviceId", device.deviceId(), "Enabled", true,
                "DisplayName", device.displayName())));
    }

    private Response delete(String id, Request request) throws DrsError {
        synchronized (lock) {
            RegisteredDevice device = authenticatedDevice(id, request);
            devices.put(device.deviceId(), device.asDeleted());
        }
        return new Response(204, new byte[0]);
    }

    /** The live device whose own certificate authenticated this TLS connection. Call holding the lock. */
    private RegisteredDevice authenticatedDevice(String id, Request request) throws DrsError {
        String version = request.query().get("api-version");
        if (version != null && !version.equals("1.0")) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER,
                    "api-version must be 1.0 (or absent) for a device delete, was " + version);
        }
        X509Certificate client;
        try {
            Certificate[] peer = ((HttpsExchange) request.exchange()).getSSLSession().getPeerCertificates();
            client = (X509Certificate) peer[0];
        } catch (SSLPeerUnverifiedException | ClassCastException | ArrayIndexOutOfBoundsException e) {
            throw new DrsError(401, DrsError.AUTHENTICATION,
                    "a TLS client certificate is required: the device certificate issued at join");
        }
        String deviceId;
        try {
            deviceId = UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new DrsError(404, DrsError.NOT_FOUND, "no device " + id + " (not a GUID)");
        }
        synchronized (lock) {
            RegisteredDevice device = devices.get(deviceId);
            if (device == null || device.deleted()) {
                throw new DrsError(404, DrsError.NOT_FOUND, "no device " + deviceId
                        + (device == null ? "" : " (deleted already)"));
            }
            String cn = commonName(client);
            if (!deviceId.equalsIgnoreCase(cn)) {
                throw new DrsError(403, DrsError.AUTHORIZATION,
                        "the client certificate CN=" + cn + " is not device " + deviceId);
            }
            if (!client.equals(device.certificate())) {
                throw new DrsError(403, DrsError.AUTHORIZATION,
                        "the client certificate is not the certificate issued for device " + deviceId);
            }
            return device;
        }
    }

    private static String commonName(X509Certificate cert) {
        for (org.bouncycastle.asn1.x500.RDN rdn : org.bouncycastle.asn1.x500.X500Name.getInstance(
                cert.getSubjectX500Principal().getEncoded()).getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN)) {
            return rdn.getFirst().getValue().toString();
        }
        return "";
    }

    // ------------------------------------------------------------------------------------------ OAuth

    private Response deviceCode(String tenant, Request request) throws OAuthError {
        requireOAuthTenant(tenant);
        Map<String, String> form = requireForm(request);
        String clientId = requireParam(form, "client_id");
        String scope = requireParam(form, "scope");
        if (!scopeIsDrs(scope)) {
            throw OAuthError.badRequest("invalid_scope", 70011, "the scope must include " + DRS_APP_ID
                    + "/.default (this emulator issues DRS tokens only), was: " + scope);
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        StringBuilder userCode = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            userCode.append(USER_CODE_ALPHABET.charAt(random.nextInt(USER_CODE_ALPHABET.length())));
        }
        synchronized (lock) {
            deviceCodes.put(code, new DeviceCode(clientId, scope, System.nanoTime(),
                    config.deviceCodeLifetime.toNanos(), config.pollInterval.toNanos()));
        }
        long interval = (config.pollInterval.toMillis() + 999) / 1000;
        String verification = baseUrl + "/devicelogin";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_code", userCode.toString());
        body.put("device_code", code);
        body.put("verification_uri", verification);
        body.put("expires_in", config.deviceCodeLifetime.toSeconds());
        body.put("interval", interval);
        body.put("message", "To sign in, use a web browser to open the page " + verification + " and enter the code "
                + userCode + " to authenticate.");
        return new Response(200, bytes(body));
    }

    private Response token(String tenant, Request request) throws OAuthError {
        requireOAuthTenant(tenant);
        Map<String, String> form = requireForm(request);
        String grant = requireParam(form, "grant_type");
        if (!DEVICE_CODE_GRANT.equals(grant)) {
            throw OAuthError.badRequest("unsupported_grant_type", 70003,
                    "this emulator supports grant_type=" + DEVICE_CODE_GRANT + " only, not " + grant);
        }
        String clientId = requireParam(form, "client_id");
        String code = requireParam(form, "device_code");
        String scope;
        synchronized (lock) {
            DeviceCode state = deviceCodes.get(code);
            if (state == null) {
                throw OAuthError.badRequest("invalid_grant", 70000, "the device_code is not known to this service");
            }
            if (!state.clientId.equals(clientId)) {
                throw OAuthError.badRequest("invalid_grant", 70000,
                        "the device_code was issued to another client_id (" + state.clientId + ")");
            }
            if (state.terminalError != null) {
                throw OAuthError.badRequest(state.terminalError, state.terminalError.equals("expired_token")
                        ? 70019 : 70020, "the device code is no longer usable (" + state.terminalError + ")");
            }
            long now = System.nanoTime();
            if (now - state.expiresAtNanos >= 0) {
                throw OAuthError.badRequest("expired_token", 70019, "the device code expired");
            }
            if (state.redeemed) {
                throw OAuthError.badRequest("invalid_grant", 70000, "the device code was redeemed already");
            }
            long since = now - state.lastPollNanos;
            state.lastPollNanos = now;
            if (state.intervalNanos > 0 && since < state.intervalNanos) {
                state.intervalNanos += config.slowDownIncrement.toNanos();
                throw OAuthError.badRequest("slow_down", 70016, "polled " + Duration.ofNanos(since).toMillis()
                        + " ms after the previous request; wait at least the interval (now "
                        + Duration.ofNanos(state.intervalNanos).toMillis() + " ms) between polls");
            }
            state.polls++;
            if (state.polls <= config.pendingPolls) {
                throw OAuthError.badRequest("authorization_pending", 70016,
                        "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
            }
            state.redeemed = true;
            scope = state.scope;
        }
        String upn = config.deviceCodeUser;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", scope);
        body.put("expires_in", 3600);
        body.put("ext_expires_in", 3600);
        body.put("access_token", issueAccessToken(upn));
        List<String> scopes = Arrays.asList(scope.split(" "));
        if (scopes.contains("offline_access")) {
            byte[] raw = new byte[48];
            random.nextBytes(raw);
            body.put("refresh_token", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        }
        if (scopes.contains("openid")) {
            long iat = Instant.now().getEpochSecond();
            Map<String, Object> id = new LinkedHashMap<>();
            id.put("aud", clientId);
            id.put("iss", "https://login.microsoftonline.com/" + tenantId + "/v2.0");
            id.put("iat", iat);
            id.put("nbf", iat);
            id.put("exp", iat + 3600);
            id.put("oid", objectId(upn));
            id.put("preferred_username", upn);
            id.put("sub", objectId(upn));
            id.put("tid", tenantId.toString());
            id.put("ver", "2.0");
            body.put("id_token", Jwt.sign(json, tokenHeader(), id, tokenKey.getPrivate()));
        }
        return new Response(200, bytes(body));
    }

    private static boolean scopeIsDrs(String scope) {
        for (String s : scope.split(" ")) {
            if (s.equalsIgnoreCase(DRS_APP_ID + "/.default") || s.equalsIgnoreCase(DRS_RESOURCE + "/.default")) {
                return true;
            }
        }
        return false;
    }

    private void requireOAuthTenant(String tenant) throws OAuthError {
        if (!isTenant(tenant) && !tenant.equals("organizations") && !tenant.equals("common")) {
            throw OAuthError.badRequest("invalid_request", 90002, "tenant '" + tenant + "' not found");
        }
    }

    private Map<String, String> requireForm(Request request) throws OAuthError {
        String contentType = request.header("content-type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).split(";")[0].trim()
                .equals("application/x-www-form-urlencoded")) {
            throw OAuthError.badRequest("invalid_request", 900144,
                    "the body must be application/x-www-form-urlencoded, Content-Type was " + contentType);
        }
        return form(request);
    }

    private static Map<String, String> form(Request request) {
        return query(new String(request.body(), StandardCharsets.UTF_8));
    }

    private static String requireParam(Map<String, String> form, String name) throws OAuthError {
        String v = form.get(name);
        if (v == null || v.isBlank()) {
            throw OAuthError.badRequest("invalid_request", 900144,
                    "The request body must contain the following parameter: '" + name + "'.");
        }
        return v;
    }

    private Response oauthError(OAuthError e, Request request) {
        Instant now = Instant.now();
        String trace = UUID.randomUUID().toString();
        String correlation = request.header("client-request-id") != null ? request.header("client-request-id")
                : UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("error_description", "AADSTS" + e.code() + ": " + e.getMessage() + "\r\nTrace ID: " + trace
                + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + OAUTH_TIME.format(now));
        body.put("error_codes", List.of(e.code()));
        body.put("timestamp", OAUTH_TIME.format(now));
        body.put("trace_id", trace);
        body.put("correlation_id", correlation);
        return new Response(e.status(), bytes(body));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void requireApiVersion(Request request, String version) throws DrsError {
        String v = request.query().get("api-version");
        if (v == null || !v.equals(version)) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER, "api-version must be " + version + ", was "
                    + (v == null ? "missing" : v));
        }
    }

    private void requireTenant(String tenant) throws DrsError {
        if (!isTenant(tenant)) {
            throw new DrsError(404, DrsError.NOT_FOUND, "tenant '" + tenant + "' not found");
        }
    }

    private boolean isTenant(String tenant) {
        return tenant != null && (tenant.equalsIgnoreCase(tenantId.toString())
                || tenant.equalsIgnoreCase(config.tenantDomain));
    }

    private Response drsError(DrsError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ErrorType", e.errorType());
        body.put("Message", e.getMessage());
        body.put("TraceId", UUID.randomUUID().toString());
        body.put("Time", ERROR_TIME.format(Instant.now()));
        Map<String, String> headers = e.status() == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of();
        return new Response(e.status(), bytes(body), headers);
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> tokenHeader() {
        return map("typ", "JWT", "alg", "RS256", "kid", "drs-emulator");
    }

    private String objectId(String upn) {
        return UUID.nameUUIDFromBytes((tenantId + "/" + upn.toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String thumbprint(X509Certificate cert) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <K, V> Map<K, V> bounded(int max) {
        return new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /** Accepts client certificates signed by the emulator CA (and still valid); the server side only. */
    private static final class ClientCertificateTrust extends X509ExtendedTrustManager {
        private final X509Certificate ca;

        ClientCertificateTrust(X509Certificate ca) {
            this.ca = ca;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            if (chain == null || chain.length == 0) {
                throw new java.security.cert.CertificateException("no client certificate");
            }
            try {
                chain[0].verify(ca.getPublicKey());
                chain[0].checkValidity();
            } catch (GeneralSecurityException e) {
                throw new java.security.cert.CertificateException(
                        "the client certificate is not issued by the DRS emulator CA: " + e.getMessage(), e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws java.security.cert.CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("server side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("server side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("server side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {ca};
        }
    }
}
