package org.dsreg.testkit.drs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.UUID;

import org.dsreg.testkit.TestCertificates;
import org.dsreg.testkit.drs.Fault.Endpoint;

/** The answers of the injected faults of {@link DrsEmulator#failNext(Fault)} that are answers (not delays). */
final class FaultAnswers {
    private final EmulatorState state;

    FaultAnswers(EmulatorState state) {
        this.state = state;
    }

    /** The next fault queued for an endpoint, taken off the queue, or {@code null}. */
    Fault take(Endpoint endpoint) {
        synchronized (state.lock) {
            ArrayDeque<Fault> queue = state.faults.get(endpoint);
            return queue == null ? null : queue.pollFirst();
        }
    }

    EmulatorResponse answer(Endpoint endpoint, Fault fault, EmulatorRequest request) {
        boolean oauth = endpoint == Endpoint.TOKEN || endpoint == Endpoint.DEVICE_CODE;
        if (endpoint == Endpoint.GRAPH_DEVICES && fault.kind() != Fault.Kind.MALFORMED_JSON) {
            return graphError(fault.kind(), request);
        }
        switch (fault.kind()) {
            case MALFORMED_JSON:
                String first = switch (endpoint) {
                    case DISCOVERY -> "DiscoveryService";
                    case NONCE -> "ReponseStatus";
                    case JOIN, DELETE -> "Certificate";
                    case DEVICE_CODE -> "device_code";
                    case TOKEN -> "token_type";
                    case GRAPH_DEVICES -> "@odata.context";
                };
                return new EmulatorResponse(200, ("{\"" + first + "\":").getBytes(StandardCharsets.UTF_8));
            case ERROR_400:
                return oauth ? oauthError(OAuthError.badRequest("invalid_request", 900144,
                        "injected fault ERROR_400"), request)
                        : state.drsError(DrsError.badRequest(DrsError.INVALID_PARAMETER, "injected fault ERROR_400"));
            case UNAUTHORIZED_401:
                return oauth ? oauthError(new OAuthError(401, "invalid_client", 7000215,
                        "injected fault UNAUTHORIZED_401"), request)
                        : state.drsError(new DrsError(401, DrsError.AUTHENTICATION, "injected fault UNAUTHORIZED_401"));
            case SERVER_ERROR_500:
                return oauth ? oauthError(new OAuthError(500, "server_error", 90033,
                        "injected fault SERVER_ERROR_500"), request)
                        : state.drsError(new DrsError(500, DrsError.INTERNAL, "injected fault SERVER_ERROR_500"));
            case CERT_FOR_OTHER_KEY:
                try {
                    return joinAnswer(deviceCertificate((RSAPublicKey) TestCertificates.rsaKeyPair().getPublic()),
                            null);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            case WRONG_THUMBPRINT:
                try {
                    RSAPublicKey key = JoinRequest.lenientPublicKey(request.body());
                    X509Certificate cert = deviceCertificate(key != null ? key
                            : (RSAPublicKey) TestCertificates.rsaKeyPair().getPublic());
                    byte[] wrong = EmulatorState.thumbprint(cert).getBytes(StandardCharsets.US_ASCII);
                    wrong[0] = (byte) (wrong[0] == 'A' ? 'B' : 'A');
                    return joinAnswer(cert, new String(wrong, StandardCharsets.US_ASCII));
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

    /** Graph's error shape: 400 BadRequest, 401 InvalidAuthenticationToken, 500 InternalServerError. */
    private EmulatorResponse graphError(Fault.Kind kind, EmulatorRequest request) {
        return switch (kind) {
            case ERROR_400 -> GraphDevicesEndpoint.error(state, 400, "BadRequest", "injected fault ERROR_400",
                    request);
            case UNAUTHORIZED_401 -> GraphDevicesEndpoint.error(state, 401, "InvalidAuthenticationToken",
                    "injected fault UNAUTHORIZED_401", request);
            case SERVER_ERROR_500 -> GraphDevicesEndpoint.error(state, 500, "InternalServerError",
                    "injected fault SERVER_ERROR_500", request);
            default -> throw new IllegalStateException("not a Graph response fault: " + kind);
        };
    }

    private X509Certificate deviceCertificate(RSAPublicKey key) {
        return state.ca.deviceCertificate(key, UUID.randomUUID(), state.tenantId, "0", Instant.now().minusSeconds(300),
                Instant.now().plus(Duration.ofDays(365)));
    }

    private EmulatorResponse joinAnswer(X509Certificate cert, String thumbprint) {
        return new EmulatorResponse(200, JoinEndpoint.answer(state, cert, thumbprint,
                "fault@" + state.config.tenantDomain));
    }

    private EmulatorResponse oauthError(OAuthError e, EmulatorRequest request) {
        return OAuthForms.error(state, e, request);
    }

    private void terminate(EmulatorRequest request, String error) {
        String code = OAuthForms.form(request).get("device_code");
        if (code != null) {
            synchronized (state.lock) {
                PendingDeviceCode pending = state.deviceCodes.get(code);
                if (pending != null) {
                    pending.terminalError = error;
                }
            }
        }
    }
}
