package org.dsreg.testkit.drs;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import org.dsreg.testkit.prt.SessionKeyJweWriter;

/**
 * A first PRT: the jwt-bearer request signed RS256 by the device key, its certificate in the header's {@code x5c}
 * (a string, as ROADtools sends it, or an array of strings, RFC 7515 and libhimmelblau). In this order:
 * <ul>
 *   <li>no {@code x5c}, or not a certificate: {@code invalid_request} AADSTS50187 (DeviceInformationNotProvided);</li>
 *   <li>a certificate not issued by this emulator, another certificate than the device's, or a signature that does
 *       not verify with it: {@code invalid_grant} AADSTS50155 (DeviceAuthenticationFailed; Microsoft's AADSTS
 *       reference, and himmelblau issue 113 on a PRT request);</li>
 *   <li>a device unknown or deleted: {@code invalid_grant} AADSTS700003 "Device object was not found in the tenant
 *       … directory" (AzureAD/azure-activedirectory-library-for-java issue 294); a device an administrator
 *       disabled ({@link DeviceAdmin#disable}): {@code invalid_grant} AADSTS135011 "Device used during the
 *       authentication is disabled." (Microsoft's AADSTS error reference). Where the service checks it among the
 *       others is not public: the emulator checks it beside the deleted check, before the signature;</li>
 *   <li>payload {@code grant_type} other than {@code refresh_token}: {@code unsupported_grant_type} AADSTS70003;
 *       no {@code client_id}: AADSTS900144; {@code request_nonce}: {@link SrvChallenge#use};</li>
 *   <li>a {@code refresh_token} not issued by the emulator, or issued to another client: {@code invalid_grant}
 *       AADSTS70000 (InvalidGrant);</li>
 *   <li>a {@code scope} without {@code openid} and {@code aza}: {@code invalid_scope} AADSTS70011.</li>
 * </ul>
 * The user refresh token stays valid (the service rotates refresh tokens but does not revoke the old one at once).
 */
final class PrtIssuance {
    static final int DEVICE_INFORMATION_NOT_PROVIDED = 50187;
    static final int DEVICE_AUTHENTICATION_FAILED = 50155;
    static final int DEVICE_NOT_FOUND = 700003;
    static final int DEVICE_DISABLED = 135011;
    static final int INVALID_GRANT = 70000;

    private final EmulatorState state;
    private final PrtTokens tokens;

    PrtIssuance(EmulatorState state, PrtTokens tokens) {
        this.state = state;
        this.tokens = tokens;
    }

    EmulatorResponse serve(PrtJws jws) throws OAuthError {
        X509Certificate cert = certificate(jws.header().get("x5c"));
        RegisteredDevice device = authenticate(cert, jws);
        if (!"refresh_token".equals(jws.claim("grant_type"))) {
            throw OAuthError.badRequest("unsupported_grant_type", 70003, "this emulator issues PRTs for"
                    + " grant_type refresh_token only, not " + jws.claim("grant_type"));
        }
        String clientId = jws.requireClaim("client_id");
        SrvChallenge.use(state, jws.claim("request_nonce"));
        String upn = redeem(jws.requireClaim("refresh_token"), clientId);
        List<String> scopes = Arrays.asList(jws.requireClaim("scope").split(" "));
        if (!scopes.contains("openid") || !scopes.contains("aza")) {
            throw OAuthError.badRequest("invalid_scope", 70011,
                    "The provided value for the input parameter 'scope' isn't valid: a PRT request asks for openid"
                            + " and aza, was '" + String.join(" ", scopes) + "'.");
        }
        byte[] sessionKey = new byte[32];
        state.random.nextBytes(sessionKey);
        String jwe = SessionKeyJweWriter.sessionKeyJwe(TransportKeyCheck.publicKey(device.transportKeyBlob()),
                sessionKey, state.random);
        String prt = state.randomToken(96);
        PrtSession session = new PrtSession(upn, state.objectId(upn), device.deviceId(), Instant.now(), sessionKey);
        synchronized (state.lock) {
            state.keepPrt(prt, session);
            state.prtSessions.put(session, Boolean.TRUE);
        }
        return new EmulatorResponse(200, state.bytes(tokens.prtReply(prt, jwe, upn, clientId)));
    }

    private static X509Certificate certificate(JsonNode x5c) throws OAuthError {
        JsonNode first = x5c != null && x5c.isArray() ? x5c.get(0) : x5c;
        if (first == null || !first.isTextual()) {
            throw noDevice("the request header has no x5c with the device certificate");
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(first.asText())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw noDevice("the x5c of the request header is not a base64 DER certificate");
        }
    }

    /** The device the certificate belongs to, once its key has proven the request. */
    private RegisteredDevice authenticate(X509Certificate cert, PrtJws jws) throws OAuthError {
        try {
            cert.verify(state.ca.caCertificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            throw deviceAuthFailed("the device certificate was not issued by this service");
        }
        String deviceId = cert.getSubjectX500Principal().getName().replaceFirst("(?i)^CN=", "")
                .toLowerCase(Locale.ROOT);
        RegisteredDevice device;
        boolean disabled;
        synchronized (state.lock) {
            device = state.devices.get(deviceId);
            disabled = state.disabled(deviceId);
        }
        if (device == null || device.deleted()) {
            throw deviceNotFound(state);
        }
        if (disabled) {
            throw deviceDisabled();
        }
        if (!device.certificate().equals(cert)) {
            throw deviceAuthFailed("the certificate is not the device's");
        }
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(cert.getPublicKey());
            rs256.update(jws.signingInput());
            if (rs256.verify(jws.signature())) {
                return device;
            }
        } catch (GeneralSecurityException e) {
            // refused below
        }
        throw deviceAuthFailed("the request's signature does not verify with the device certificate");
    }

    private String redeem(String refreshToken, String clientId) throws OAuthError {
        UserRefreshToken rt;
        synchronized (state.lock) {
            rt = state.refreshTokens.get(refreshToken);
        }
        if (rt == null) {
            throw OAuthError.badRequest("invalid_grant", INVALID_GRANT,
                    "Provided grant is invalid or malformed: the refresh_token was not issued by this service.");
        }
        if (!rt.clientId().equalsIgnoreCase(clientId)) {
            throw OAuthError.badRequest("invalid_grant", INVALID_GRANT, "Provided grant is invalid or malformed:"
                    + " the refresh_token was issued to another client than " + clientId + ".");
        }
        return rt.upn();
    }

    /** AADSTS700003, for a device unknown or deleted. */
    static OAuthError deviceNotFound(EmulatorState state) {
        return OAuthError.badRequest("invalid_grant", DEVICE_NOT_FOUND,
                "Device object was not found in the tenant '" + state.tenantId + "' directory.");
    }

    /**
     * AADSTS135011, for a device an administrator disabled: the code and words Microsoft's AADSTS error reference
     * lists ("Device used during the authentication is disabled."), which dsregcmd and the Intune troubleshooting
     * guides show for a disabled device's sign-in.
     */
    static OAuthError deviceDisabled() {
        return OAuthError.badRequest("invalid_grant", DEVICE_DISABLED,
                "Device used during the authentication is disabled.");
    }

    private static OAuthError noDevice(String why) {
        return OAuthError.badRequest("invalid_request", DEVICE_INFORMATION_NOT_PROVIDED,
                "DeviceInformationNotProvided: " + why + ".");
    }

    private static OAuthError deviceAuthFailed(String why) {
        return OAuthError.badRequest("invalid_grant", DEVICE_AUTHENTICATION_FAILED,
                "Device authentication failed: " + why + ".");
    }
}
