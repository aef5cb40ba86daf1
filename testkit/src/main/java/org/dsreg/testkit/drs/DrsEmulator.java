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
import java.util.Map;
import java.util.Objects;

import org.dsreg.testkit.TestCertificates;

/**
 * A local emulator of the Microsoft Device Registration Service (MS-DRS) and of the parts of the Entra ID token
 * service a device join needs, over HTTPS on 127.0.0.1 (the JDK's {@link com.sun.net.httpserver.HttpsServer}, in
 * {@link EmulatorServer}), for one tenant.
 *
 * <p>Its endpoints and rules are listed in the package description and in {@code docs/protocol.md}; faults are
 * injected with {@link #failNext(Fault)}, PRT requests refused with {@link #failPrtRequests(String, int, String)}.
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
    private final DeviceAdmin admin;
    private final Path caPem;
    private final EmulatorServer server;
    private final String baseUrl;
    private boolean closed;

    DrsEmulator(DrsEmulatorBuilder config, Path workDir) throws IOException, GeneralSecurityException {
        this.state = new EmulatorState(config);
        this.admin = new DeviceAdmin(state);
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
        return admin.forget(deviceId);
    }

    /** @return the operator's console for the devices this emulator registered (disable, manage, delete) */
    public DeviceAdmin admin() {
        return admin;
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
     * A user refresh token for {@code upn} issued to {@code clientId}, as the device code grant with
     * {@code offline_access} issues one: what a first PRT request (signed by the device key) redeems.
     *
     * @param upn      the user principal name
     * @param clientId the client it is issued to (only that client may redeem it)
     * @return the refresh token
     */
    public String issueRefreshToken(String upn, String clientId) {
        return state.issueRefreshToken(Objects.requireNonNull(upn, "upn"), Objects.requireNonNull(clientId, "clientId"));
    }

    /** @return the PRTs acquired so far (at most {@link DrsEmulatorBuilder#maxEntries(int)}), in issue order */
    public List<IssuedPrt> prts() {
        synchronized (state.lock) {
            return state.prtSessions.keySet().stream().map(PrtSession::snapshot).toList();
        }
    }

    /** Revokes every PRT issued so far (as a password change or an administrator's revocation): AADSTS50173. */
    public void revokePrts() {
        synchronized (state.lock) {
            state.prts.keySet().forEach(p -> state.revokedPrts.put(p, Boolean.TRUE));
        }
    }

    /** @return how many PRT renewals the emulator made, over every PRT */
    public int prtRenewals() {
        return prts().stream().mapToInt(IssuedPrt::renewals).sum();
    }

    /**
     * @param upn the user principal name (any case)
     * @return the user's object id (in tokens and {@link IssuedPrt}): a name-based UUID of the tenant and the UPN
     */
    public String objectId(String upn) {
        return state.objectId(Objects.requireNonNull(upn, "upn"));
    }

    /**
     * Makes every PRT request (the jwt-bearer grant; {@code srv_challenge} still answers) fail with HTTP 400 and this
     * error ({@code invalid_grant}, say), AADSTS code and description, in the service's shape, until
     * {@link #clearPrtFailure()}.
     */
    public void failPrtRequests(String error, int aadstsCode, String description) {
        state.prtFailure = OAuthError.badRequest(Objects.requireNonNull(error, "error"), aadstsCode,
                Objects.requireNonNull(description, "description"));
    }

    /** Ends {@link #failPrtRequests(String, int, String)}. */
    public void clearPrtFailure() {
        state.prtFailure = null;
    }

    /** Stops the server at once (open exchanges are cut) and its threads; idempotent. */
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
