package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.EmulatorState.map;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /EnrollmentServer/device/?api-version=1.0|2.0}: the join. The bearer token is checked (the one
 * header MS-DRS requires); the {@code ocp-adrs-client-*} headers are optional (ROADtools and AADInternals send none
 * and register real devices); the body is read as {@link JoinRequest} says; the CSR's nonce, when there is one,
 * must come from the nonce endpoint and is used up. The answer is MS-DRS 2.1.1.1.2's certificate, user and
 * membership changes.
 */
final class JoinEndpoint {
    /** 2.0: what discovery names and MS-DRS shows; 1.0: what AADInternals sends, and DRS accepts. */
    static final Set<String> API_VERSIONS = Set.of("1.0", "2.0");

    private final EmulatorState state;
    private final BearerAuthentication bearer;

    JoinEndpoint(EmulatorState state, BearerAuthentication bearer) {
        this.state = state;
        this.bearer = bearer;
    }

    EmulatorResponse serve(EmulatorRequest request) throws DrsError {
        EmulatorState.requireApiVersion(request, API_VERSIONS, "1.0 or 2.0");
        String upn = bearer.authenticate(request);
        // The body is read as JSON whatever the Content-Type says (or without one): no public source shows the
        // service refusing another type, so the emulator does not either (docs/protocol.md, emulator rules).
        JoinRequest join = JoinRequest.parse(request.body());
        useNonce(join.nonce());
        UUID deviceId = UUID.randomUUID();
        Instant now = Instant.now();
        EmulatorState.Validity validity = state.certificateValidity;
        X509Certificate cert = state.ca.deviceCertificate(join.publicKey(), deviceId, state.tenantId,
                Integer.toString(join.joinType()), now.plus(validity.notBefore()), now.plus(validity.notAfter()));
        RegisteredDevice device = new RegisteredDevice(deviceId.toString(), cert, join.transportKey(),
                join.displayName(), join.osVersion(), join.joinType(), false, join.deviceType(), join.targetDomain(),
                upn, now, join.sharedDevice());
        synchronized (state.lock) {
            state.devices.put(device.deviceId(), device);
            state.management.put(device.deviceId(), ManagementState.joined(device));
        }
        return new EmulatorResponse(state.config.joinSuccessStatus, answer(state, cert, null, upn));
    }

    private void useNonce(String nonce) throws DrsError {
        synchronized (state.lock) {
            if (nonce == null) {
                if (state.config.requireNonce) {
                    throw DrsError.badRequest(DrsError.CERTIFICATE_REQUEST, "the CSR must carry the nonce extension ("
                            + DrsEmulator.OID_NONCE + ") with a nonce from the NonceService");
                }
                return;
            }
            if (state.usedNonces.containsKey(nonce)) {
                throw DrsError.badRequest(DrsError.CERTIFICATE_REQUEST,
                        "the CSR nonce was used already by an earlier join");
            }
            Instant issued = state.nonces.get(nonce);
            if (issued == null) {
                throw DrsError.badRequest(DrsError.CERTIFICATE_REQUEST,
                        "the CSR nonce was not issued by this service's NonceService");
            }
            if (Instant.now().isAfter(issued.plus(state.config.nonceLifetime))) {
                throw DrsError.badRequest(DrsError.CERTIFICATE_REQUEST, "the CSR nonce expired at "
                        + issued.plus(state.config.nonceLifetime));
            }
            state.nonces.remove(nonce);
            state.usedNonces.put(nonce, Boolean.TRUE);
        }
    }

    /** The join answer's body for a certificate (with another thumbprint than its own when given). */
    static byte[] answer(EmulatorState state, X509Certificate cert, String thumbprintOverride, String upn) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Certificate", map(
                    "Thumbprint", thumbprintOverride != null ? thumbprintOverride : EmulatorState.thumbprint(cert),
                    "RawBody", Base64.getEncoder().encodeToString(cert.getEncoded())));
            body.put("User", map("Upn", upn));
            body.put("MembershipChanges", List.of());
            return state.bytes(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
