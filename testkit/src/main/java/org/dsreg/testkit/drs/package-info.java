/**
 * A local emulator of the Microsoft Device Registration Service (MS-DRS) for tests and scripts:
 * {@link org.dsreg.testkit.drs.DrsEmulator} (the server), {@link org.dsreg.testkit.drs.DrsEmulatorExtension} (a fresh
 * emulator per JUnit 5 test) and {@link org.dsreg.testkit.drs.DrsEmulatorMain} (the emulator as a process).
 *
 * <p>It serves HTTPS on 127.0.0.1 with a certificate (SAN IP 127.0.0.1, DNS localhost) from its own test CA, the
 * same CA that signs the device certificates; {@link org.dsreg.testkit.drs.DrsEmulator#caPem()} is that CA.
 *
 * <h2>Endpoints</h2>
 * Relative to {@link org.dsreg.testkit.drs.DrsEmulator#baseUrl()}:
 * <ul>
 *   <li>{@code GET /{tenantIdOrDomain}/Discover?api-version=1.9} (further query parameters such as
 *       {@code managed=True} ignored): the discovery document; 404 for another tenant, 400 without
 *       {@code api-version=1.9}.</li>
 *   <li>{@code GET /EnrollmentServer/nonce/{tenantIdOrDomain}/?api-version=1.0}:
 *       {@code {"ReponseStatus":{…},"Value":"<nonce>"}}.</li>
 *   <li>{@code POST /EnrollmentServer/device/?api-version=2.0} (or {@code 1.0}): the join (below).</li>
 *   <li>{@code DELETE /EnrollmentServer/device/{deviceId}[?api-version=1.0]}: authenticated by the TLS client
 *       certificate the emulator issued for that device; 200 (empty body), 401 (no client certificate), 403
 *       (another certificate), 404 (unknown or already deleted).</li>
 *   <li>{@code POST /{tenant}/oauth2/v2.0/devicecode} and {@code POST /{tenant}/oauth2/v2.0/token}: the OAuth 2.0
 *       device authorization grant, issuing DRS access tokens (and, for {@code offline_access}, a user refresh
 *       token recorded for that client) for {@link org.dsreg.testkit.drs.DrsEmulatorBuilder#deviceCodeUser(String)}.</li>
 *   <li>{@code POST /{tenant}/oauth2/token}: the v1 token endpoint discovery names: {@code grant_type=srv_challenge}
 *       and the PRT's jwt-bearer grant (below); any other grant type {@code unsupported_grant_type}.</li>
 *   <li>{@code GET /v1.0/devices[?$filter=deviceId eq '<id>'][&$select=…]}: Microsoft Graph's devices (below).</li>
 * </ul>
 * Every answer with a body is JSON ({@code application/json; charset=utf-8}). Unknown paths get 404, known paths
 * with another method 405, both with a DRS error body; request bodies over the limit get 413.
 *
 * <h2>Primary Refresh Tokens</h2>
 * {@code srv_challenge} answers {@code {"Nonce":…}}; a nonce may be used once, within
 * {@link org.dsreg.testkit.drs.DrsEmulatorBuilder#challengeLifetime(java.time.Duration)}. The jwt-bearer grant takes
 * the form's {@code request}: signed RS256 by a device key with its certificate in {@code x5c}, it redeems a user
 * refresh token for a first PRT ({@code session_key_jwe} encrypted to the device's transport key); signed HS256 with
 * a key derived from a PRT's session key (KDF v1 or v2), it renews the PRT ({@code aza} in the scope) or gets an
 * access token, the reply a compact JWE under that session key. Each refusal, its AADSTS code and the public fact
 * it rests on are in {@code JwtBearerGrant}, {@code PrtIssuance}, {@code PrtSignedRequest}, {@code SrvChallenge}
 * and {@code docs/protocol.md}. {@link org.dsreg.testkit.drs.DrsEmulator#issueRefreshToken(String, String)},
 * {@link org.dsreg.testkit.drs.DrsEmulator#prts()} and
 * {@link org.dsreg.testkit.drs.DrsEmulator#failPrtRequests(String, int, String)} serve tests.
 *
 * <h2>The operator and Microsoft Graph</h2>
 * {@link org.dsreg.testkit.drs.DrsEmulator#admin()} is an operator's console
 * ({@link org.dsreg.testkit.drs.DeviceAdmin}): disable, enable or delete a device, set its
 * {@link org.dsreg.testkit.drs.ManagementState} (managed, compliant, MDM, OS, trust type, last sign-in), deny Graph,
 * and choose the validity of the certificates issued next. A disabled device's jwt-bearer requests are refused with
 * {@code invalid_grant} AADSTS135011 "Device used during the authentication is disabled." and its device GET says
 * {@code "Enabled": false}. Graph's {@code GET /v1.0/devices} answers
 * {@code {"@odata.context":…,"value":[…]}} with Graph's property names ({@code id} the object id, {@code deviceId},
 * {@code displayName}, {@code accountEnabled}, {@code isManaged}, {@code isCompliant}, {@code trustType},
 * {@code managementType}, {@code mdmAppId}, {@code complianceExpirationDateTime},
 * {@code approximateLastSignInDateTime}, {@code operatingSystem}, {@code operatingSystemVersion},
 * {@code registrationDateTime}), only the {@code $select}-ed ones when selected, an empty {@code value} for an
 * unknown or deleted device; it needs an access token the emulator issued for Graph ({@code aud}
 * {@code https://graph.microsoft.com} or {@code 00000003-0000-0000-c000-000000000000}), else 401
 * {@code InvalidAuthenticationToken}; {@link org.dsreg.testkit.drs.DeviceAdmin#denyGraph(boolean)} makes it 403
 * {@code Authorization_RequestDenied}. Errors have Graph's shape {@code {"error":{"code":…,"message":…,
 * "innerError":{…}}}}. The rules and the public facts behind them are in {@code GraphDevicesEndpoint} and
 * {@code docs/protocol.md} ("Microsoft Graph: the devices endpoint").
 *
 * <h2>Discovery</h2>
 * The document of MS-DRS section 3.1, member names and nesting as the spec's example (with the example's OCR
 * damage repaired: {@code RegistrationEndpoint}, {@code WebAuthNResourceId}, {@code ResourceId}). Every URL points
 * back at the emulator and names the tenant by id; every {@code *ResourceId} is
 * {@value org.dsreg.testkit.drs.DrsEmulator#DRS_RESOURCE}, the audience of DRS tokens. {@code AuthenticationService.
 * OAuth2.AuthCodeEndpoint} is {@code /{tenant}/oauth2/authorize} and {@code TokenEndpoint} {@code /{tenant}/oauth2/token},
 * the v1 endpoints the service names; clients take the tenant's authority from them and find the v2.0 device code
 * endpoints under it. Only discovery, nonce, join, delete, the v2.0 devicecode and token endpoints and the v1 token
 * endpoint are served; the other discovered URLs answer 404.
 *
 * <h2>Join validation</h2>
 * The emulator models the service, not one client: strict where the service is known strict, lenient where it is
 * known lenient ({@code docs/protocol.md} names the public fact behind each rule). In this order, each failure a 400
 * {@code ErrorDetails} naming what is wrong unless said otherwise: {@code api-version} 1.0 or 2.0;
 * {@code Authorization: Bearer} with an RS256 JWT signed by this emulator, not expired, {@code nbf} at most 60 s
 * ahead, {@code aud} = {@value org.dsreg.testkit.drs.DrsEmulator#DRS_RESOURCE}, {@code tid} = the tenant, a
 * {@code upn} (401 otherwise); the {@code Content-Type} is not checked (the body is read as JSON whatever it says)
 * and the {@code ocp-adrs-client-*} headers are optional. The body: one JSON object, no duplicate members; member names compare without regard to case (two
 * members differing only in case are refused) and unknown members are ignored; {@code CertificateRequest} an object
 * of {@code Type} = {@code "pkcs10"} and {@code Data} (standard base64, no line breaks), {@code TransportKey},
 * {@code TargetDomain}, {@code DeviceType}, {@code OSVersion}, {@code DeviceDisplayName} non-empty strings (values
 * not checked), {@code JoinType} a JSON integer in {0, 4, 6, 8}, optional {@code Attributes} an object whose
 * {@code ReuseDevice}, {@code SharedDevice} and {@code ReturnClientSid} are JSON booleans or the strings
 * {@code "true"}/{@code "false"} in any case (other attributes, such as ROADtools' {@code MSA-DDID}, are ignored;
 * {@code SharedDevice} is kept as {@link org.dsreg.testkit.drs.RegisteredDevice#sharedDevice()}), optional
 * {@code AikCertificate}/{@code AttestationData} strings; no {@code PreAuthorizedJoinChallenge} (the precreate
 * endpoint is not emulated). The CSR: DER PKCS#10 with nothing after it, signature algorithm sha256WithRSAEncryption
 * (parameters NULL or absent), an RSA key of exactly 2048 bits with exponent 65537, a valid signature, subject
 * exactly {@code CN=7E980AD9-B86D-4306-9425-9AC066FB014A} (one RDN, that case). The TransportKey: {@code "RSA1"},
 * u32le BitLength = 2048, u32le cbPublicExp (1..8), u32le cbModulus = 256, u32le 0, u32le 0, the exponent
 * (big-endian, no leading zero byte, 65537), the modulus (big-endian, 2048 bits, odd), and the total length exactly
 * 24 + cbPublicExp + cbModulus.
 *
 * <h2>Delete</h2>
 * {@code DELETE /EnrollmentServer/device/{id}}, with or without {@code api-version=1.0} and with no header needed,
 * authenticated by the TLS client certificate issued for that device alone; 200 with an empty body.
 *
 * <h2>The nonce extension</h2>
 * Optional unless {@link org.dsreg.testkit.drs.DrsEmulatorBuilder#requireNonce(boolean)}. The CSR carries it as an
 * extension with OID {@value org.dsreg.testkit.drs.DrsEmulator#OID_NONCE} inside a PKCS#9 {@code extensionRequest}
 * attribute (1.2.840.113549.1.9.14); a top-level attribute with that OID is rejected. The extension's value (the
 * contents of {@code extnValue}) may be a DER OCTET STRING holding the nonce's UTF-8 bytes, a DER UTF8String,
 * IA5String or PrintableString of the nonce, or the nonce's UTF-8 bytes as they are. The nonce must have been issued
 * by this emulator's nonce endpoint, be at most {@link org.dsreg.testkit.drs.DrsEmulatorBuilder#nonceLifetime
 * nonceLifetime} old and not used before; a successful join uses it up.
 *
 * <h2>Error shapes</h2>
 * DRS endpoints: {@code {"ErrorType":"…","Message":"…","TraceId":"<guid>","Time":"MM/dd/yyyy HH:mm:ss"}} (UTC),
 * with {@code ErrorType} one of {@code InvalidParameter}, {@code MessageFormatError}, {@code CertificateRequestError}
 * (400), {@code AuthenticationError} (401), {@code AuthorizationError} (403), {@code NotFound} (404),
 * {@code MethodNotAllowed} (405), {@code RequestEntityTooLarge} (413), {@code InternalServiceError} (500). OAuth
 * endpoints: {@code {"error":…,"error_description":"AADSTS<n>: …","error_codes":[<n>],"timestamp":…,"trace_id":…,
 * "correlation_id":…,"error_uri":…}} (HTTP 400 unless said otherwise), {@code correlation_id} echoing the request's
 * {@code client-request-id} header when sent; the PRT refusals use the codes the service is seen answering, the
 * others' AADSTS numbers are illustrative.
 */
package org.dsreg.testkit.drs;
