package org.dsreg.testkit.drs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.dsreg.testkit.TestCertificates;

/**
 * A local emulator of the Microsoft Device Registration Service (MS-DRS) and of the parts of the Entra ID token
 * service a device join needs, over HTTPS on 127.0.0.1 (the JDK's {@link com.sun.net.httpserver.HttpsServer}, in
 * {@link EmulatorServer}), for one tenant.
 *
 * <p>Endpoints, relative to {@link #baseUrl()}:
 * <ul>
 *   <li>{@code GET /{tenantIdOrDomain}/Discover?api-version=1.9} (any further query parameter such as
 *       {@code managed=True} is ignored): the discovery document; 404 for another tenant, 400 without
 *       {@code api-version=1.9}.</li>
 *   <li>{@code GET /EnrollmentServer/nonce/{tenantIdOrDomain}/?api-version=1.0}:
 *       {@code {"ReponseStatus":{…},"Value":"<nonce>"}}.</li>
 *   <li>{@code POST /EnrollmentServer/device/?api-version=2.0} (or {@code 1.0}): the join, strict where the
 *       service is known strict and lenient where it is known lenient (see {@link #failNext(Fault)} for the faults,
 *       the package description and {@code docs/protocol.md} for the rules).</li>
 *   <li>{@code DELETE /EnrollmentServer/device/{deviceId}[?api-version=1.0]}: authenticated by the TLS client
 *       certificate the emulator issued for that device; 200 (empty body), 401 (no client certificate), 403
 *       (another certificate), 404 (unknown or already deleted).</li>
 *   <li>{@code POST /{tenant}/oauth2/v2.0/devicecode} and {@code POST /{tenant}/oauth2/v2.0/token}: the OAuth 2.0
 *       device authorization grant, issuing DRS access tokens for
 *       {@link DrsEmulatorBuilder#deviceCodeUser(String)}.</li>
 *   <li>{@code POST /{tenant}/oauth2/token}: the v1 token endpoint discovery names; {@code grant_type=srv_challenge}
 *       only ({@code {"Nonce":…}}), any other grant type {@code unsupported_grant_type}.</li>
 * </ul>
 * Every answer with a body is JSON ({@code application/json; charset=utf-8}). Unknown paths get 404, known paths
 * with another method 405, both with a DRS error body; request bodies over the limit get 413.
 *
 * <p>Memory is bounded: at most {@link DrsEmulatorBuilder#maxEntries(int)} devices, nonces, device codes and recorded
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

    private final EmulatorState state;
    private final Path caPem;
    private final EmulatorServer server;
    private final String baseUrl;
    private boolean closed;

    DrsEmulator(DrsEmulatorBuilder config, Path workDir) throws IOException, GeneralSecurityException {
        this.state = new EmulatorState(config);
        TestCertificates ca = state.ca;
        Files.createDirectories(workDir);
        this.caPem = workDir.resolve("drs-ca.pem");
        Files.writeString(caPem, TestCertificates.pem(ca.caCertificate()), StandardCharsets.US_ASCII);

        this.server = new EmulatorServer(config.port, ServerTls.context(ca));
        this.baseUrl = "https://127.0.0.1:" + server.port();
        state.baseUrl = baseUrl;
        server.start(new Dispatcher(state)::handle);
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
    public static DrsEmulatorBuilder builder() {
        return new DrsEmulatorBuilder();
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
        return server.port();
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
        return state.ca.caCertificate();
    }

    /**
     * The tenant's id.
     *
     * @return the tenant id, a lower-case GUID
     */
    public String tenantId() {
        return state.tenantId.toString();
    }

    /**
     * The tenant's verified domain; discovery, nonce and OAuth endpoints accept it in place of the tenant id.
     *
     * @return the domain, by default {@code contoso.example}
     */
    public String tenantDomain() {
        return state.config.tenantDomain;
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
        return state.issueAccessToken(upn, audience, issuedAt, lifetime);
    }

    /**
     * The devices registered so far (at most {@link DrsEmulatorBuilder#maxEntries(int)}, oldest dropped), deleted ones
     * included with {@link RegisteredDevice#deleted()} set.
     *
     * @return a snapshot, by device id, in registration order
     */
    public Map<String, RegisteredDevice> devices() {
        synchronized (state.lock) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(state.devices));
        }
    }

    /**
     * The requests received so far (at most {@link DrsEmulatorBuilder#maxEntries(int)}, oldest dropped).
     *
     * @return a snapshot in arrival order
     */
    public List<RecordedRequest> requests() {
        synchronized (state.lock) {
            return List.copyOf(state.requests);
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
        synchronized (state.lock) {
            RegisteredDevice device = state.devices.get(deviceId.toLowerCase(Locale.ROOT));
            if (device == null || device.deleted()) {
                return false;
            }
            state.devices.put(device.deviceId(), device.asDeleted());
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
        synchronized (state.lock) {
            state.faults.computeIfAbsent(fault.endpoint(), e -> new ArrayDeque<>()).addLast(fault);
        }
    }

    /**
     * Stops the server at once (open exchanges are cut) and its threads; idempotent.
     */
    @Override
    public void close() {
        synchronized (state.lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        server.close();
    }
}
