package org.dsreg.testkit.drs;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A failure that {@link DrsEmulator#failNext(Fault)} injects into the next request to one endpoint. Each fault is
 * used once; several faults for the same endpoint are used in the order they were queued.
 *
 * <p>Unless noted, a faulted request changes nothing in the emulator (no nonce consumed, no device created or
 * deleted, no device-code poll counted); it is still recorded in {@link DrsEmulator#requests()}.
 *
 * @param endpoint the endpoint whose next request fails
 * @param kind     how it fails
 * @param delay    for {@link Kind#DELAY} the delay before the normal answer; {@link Duration#ZERO} otherwise
 */
public record Fault(Endpoint endpoint, Kind kind, Duration delay) {

    /** The endpoints of the emulator. */
    public enum Endpoint {
        /** {@code GET /{tenant}/Discover}. */
        DISCOVERY,
        /** {@code GET /EnrollmentServer/nonce/{tenant}/}. */
        NONCE,
        /** {@code POST /EnrollmentServer/device/}. */
        JOIN,
        /** {@code DELETE /EnrollmentServer/device/{deviceId}}. */
        DELETE,
        /** {@code POST /{tenant}/oauth2/v2.0/devicecode}. */
        DEVICE_CODE,
        /** {@code POST /{tenant}/oauth2/v2.0/token} and the v1 {@code POST /{tenant}/oauth2/token}. */
        TOKEN,
        /** Microsoft Graph's {@code GET /v1.0/devices}; error faults answer in Graph's error shape. */
        GRAPH_DEVICES
    }

    /** The ways a request can fail. */
    public enum Kind {
        /**
         * HTTP 200, {@code application/json}, a body cut after the first member name of the normal answer:
         * <code>{"Certificate":</code> for a join (and for a delete, whose normal answer is empty),
         * <code>{"DiscoveryService":</code>, <code>{"ReponseStatus":</code>, <code>{"device_code":</code>,
         * <code>{"token_type":</code>, <code>{"@odata.context":</code> for the others.
         */
        MALFORMED_JSON,
        /**
         * HTTP 400 with an error body: DRS {@code ErrorDetails} for the DRS endpoints, an OAuth error
         * ({@code invalid_request}) for {@link Endpoint#DEVICE_CODE} and {@link Endpoint#TOKEN}.
         */
        ERROR_400,
        /** HTTP 401 with an error body (DRS {@code AuthenticationError}, OAuth {@code invalid_client}). */
        UNAUTHORIZED_401,
        /** HTTP 500 with an error body (DRS {@code InternalServiceError}, OAuth {@code server_error}). */
        SERVER_ERROR_500,
        /**
         * Join only: HTTP 200 with a well-formed answer whose certificate is issued by the emulator CA, with a
         * matching thumbprint, but for a freshly generated key instead of the CSR's key.
         */
        CERT_FOR_OTHER_KEY,
        /**
         * Join only: HTTP 200 with a certificate for the CSR's key (a random key if the request has no readable
         * CSR) and a {@code Thumbprint} that is not the SHA-1 of {@code RawBody}.
         */
        WRONG_THUMBPRINT,
        /**
         * The request is processed normally (state changes included: a join does register the device), but the
         * response announces a {@code Content-Length} larger than the bytes sent, and the connection is then
         * closed. An empty normal answer (a delete's) is replaced by a 200 with a JSON body for this purpose.
         */
        TRUNCATED_BODY,
        /** The request is processed normally after {@link Fault#delay()}. */
        DELAY,
        /** Token only: HTTP 400 {@code {"error":"slow_down",…}}. */
        SLOW_DOWN,
        /**
         * Token only: HTTP 400 {@code {"error":"expired_token",…}}; a known {@code device_code} in the request is
         * expired for good.
         */
        EXPIRED_TOKEN,
        /**
         * Token only: HTTP 400 {@code {"error":"access_denied",…}}; a known {@code device_code} in the request is
         * denied for good.
         */
        ACCESS_DENIED
    }

    private static final Set<Kind> JOIN_ONLY = EnumSet.of(Kind.CERT_FOR_OTHER_KEY, Kind.WRONG_THUMBPRINT);
    private static final Set<Kind> TOKEN_ONLY = EnumSet.of(Kind.SLOW_DOWN, Kind.EXPIRED_TOKEN, Kind.ACCESS_DENIED);

    /**
     * Checks that the kind applies to the endpoint and that a delay is given exactly for {@link Kind#DELAY}.
     *
     * @param endpoint the endpoint
     * @param kind     the kind
     * @param delay    the delay ({@code null} is read as zero)
     */
    public Fault {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(kind, "kind");
        delay = delay == null ? Duration.ZERO : delay;
        if (kind == Kind.DELAY ? delay.isNegative() || delay.isZero() : !delay.isZero()) {
            throw new IllegalArgumentException("a positive delay goes with DELAY and only with it: " + kind + " " + delay);
        }
        if (JOIN_ONLY.contains(kind) && endpoint != Endpoint.JOIN) {
            throw new IllegalArgumentException(kind + " applies to JOIN only, not " + endpoint);
        }
        if (TOKEN_ONLY.contains(kind) && endpoint != Endpoint.TOKEN) {
            throw new IllegalArgumentException(kind + " applies to TOKEN only, not " + endpoint);
        }
    }

    /**
     * A fault without delay.
     *
     * @param endpoint the endpoint
     * @param kind     any kind but {@link Kind#DELAY}
     */
    public Fault(Endpoint endpoint, Kind kind) {
        this(endpoint, kind, Duration.ZERO);
    }

    /**
     * A fault without delay.
     *
     * @param endpoint the endpoint
     * @param kind     any kind but {@link Kind#DELAY}
     * @return the fault
     */
    public static Fault of(Endpoint endpoint, Kind kind) {
        return new Fault(endpoint, kind);
    }

    /**
     * A {@link Kind#DELAY} fault: the next request to the endpoint is answered normally after {@code delay}.
     *
     * @param endpoint the endpoint
     * @param delay    a positive delay
     * @return the fault
     */
    public static Fault delay(Endpoint endpoint, Duration delay) {
        return new Fault(endpoint, Kind.DELAY, delay);
    }
}
