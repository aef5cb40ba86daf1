package org.dsreg.testkit.drs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dsreg.testkit.TestCertificates;
import org.dsreg.testkit.drs.Fault.Endpoint;

/**
 * What the emulator's endpoints share: the settings, the tenant, the CA and the token signing key, and the bounded
 * stores (devices, nonces, device codes, recorded requests, pending faults), all guarded by {@link #lock}.
 */
final class EmulatorState {
    private static final DateTimeFormatter ERROR_TIME =
            DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Five minutes back (clock skew) to a year ahead. */
    static final Validity DEFAULT_CERTIFICATE_VALIDITY = new Validity(Duration.ofMinutes(-5), Duration.ofDays(365));

    /** A certificate's validity as offsets from the moment it is issued. */
    record Validity(Duration notBefore, Duration notAfter) {
    }

    final DrsEmulatorBuilder config;
    final UUID tenantId;
    final TestCertificates ca;
    final KeyPair tokenKey;
    final ObjectMapper json = new ObjectMapper();
    final SecureRandom random = new SecureRandom();

    final Object lock = new Object();
    final Map<String, RegisteredDevice> devices;
    final Map<String, Instant> nonces;
    final Map<String, Boolean> usedNonces;
    final Map<String, PendingDeviceCode> deviceCodes;
    /** srv_challenge nonces by value: when issued; and those used up. */
    final Map<String, Instant> challenges;
    final Map<String, Boolean> usedChallenges;
    /** User refresh tokens (device code grant, {@link DrsEmulator#issueRefreshToken}) by value. */
    final Map<String, UserRefreshToken> refreshTokens;
    /** Every live PRT by value (a renewal adds one; the PRT it renews stays), and the sessions in issue order. */
    final Map<String, PrtSession> prts;
    final Map<PrtSession, Boolean> prtSessions;
    /** When each PRT expires; a PRT revoked (by a renewal, or {@link DrsEmulator#revokePrts()}) is in here too. */
    final Map<String, Instant> prtExpiries;
    final Map<String, Boolean> revokedPrts;
    /** Each registered device's management state ({@link DeviceAdmin}), by device id, deleted devices' too. */
    final Map<String, ManagementState> management;
    /** {@link DeviceAdmin#denyGraph(boolean)}: the Graph devices endpoint answers 403. */
    volatile boolean graphDenied;
    /** The validity of certificates issued from now on, offsets from the moment of issue (notBefore, notAfter). */
    volatile Validity certificateValidity = DEFAULT_CERTIFICATE_VALIDITY;
    /** Set by {@link DrsEmulator#failPrtRequests}: every jwt-bearer request is refused with it. */
    volatile OAuthError prtFailure;
    final ArrayDeque<RecordedRequest> requests = new ArrayDeque<>();
    final Map<Endpoint, ArrayDeque<Fault>> faults = new EnumMap<>(Endpoint.class);
    /** {@code https://127.0.0.1:<port>}; set once the server is bound, before it serves. */
    volatile String baseUrl;

    EmulatorState(DrsEmulatorBuilder config) throws GeneralSecurityException {
        this.config = config;
        this.tenantId = config.tenantId == null ? UUID.randomUUID() : config.tenantId;
        this.devices = bounded(config.maxEntries);
        this.nonces = bounded(config.maxEntries);
        this.usedNonces = bounded(config.maxEntries);
        this.deviceCodes = bounded(config.maxEntries);
        this.challenges = bounded(config.maxEntries);
        this.usedChallenges = bounded(config.maxEntries);
        this.refreshTokens = bounded(config.maxEntries);
        this.prts = bounded(config.maxEntries);
        this.prtSessions = bounded(config.maxEntries);
        this.prtExpiries = bounded(config.maxEntries);
        this.revokedPrts = bounded(config.maxEntries);
        this.management = bounded(config.maxEntries);
        this.ca = TestCertificates.newAuthority("DRS Emulator Test CA " + tenantId.toString().substring(0, 8));
        this.tokenKey = TestCertificates.rsaKeyPair();
    }

    /** Whether {@code tenant} names this tenant, by id or domain (any case). */
    boolean isTenant(String tenant) {
        return tenant != null && (tenant.equalsIgnoreCase(tenantId.toString())
                || tenant.equalsIgnoreCase(config.tenantDomain));
    }

    void requireTenant(String tenant) throws DrsError {
        if (!isTenant(tenant)) {
            throw new DrsError(404, DrsError.NOT_FOUND, "tenant '" + tenant + "' not found");
        }
    }

    /** The request's {@code api-version} must be one of {@code versions}. */
    static void requireApiVersion(EmulatorRequest request, Set<String> versions, String expected) throws DrsError {
        String v = request.query().get("api-version");
        if (v == null || !versions.contains(v)) {
            throw DrsError.badRequest(DrsError.INVALID_PARAMETER, "api-version must be " + expected + ", was "
                    + (v == null ? "missing" : v));
        }
    }

    /** Keeps a PRT issued now for {@code session}, valid for the configured lifetime. Call under {@link #lock}. */
    void keepPrt(String prt, PrtSession session) {
        prts.put(prt, session);
        prtExpiries.put(prt, Instant.now().plus(config.prtLifetime));
    }

    /** Whether an administrator disabled this device ({@link DeviceAdmin#disable}). Call under {@link #lock}. */
    boolean disabled(String deviceId) {
        ManagementState m = management.get(deviceId);
        return m != null && !m.accountEnabled();
    }

    /** A fresh random value, base64url without padding. */
    String randomToken(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** An RS256 JWT signed with the emulator's token key. */
    String sign(Map<String, Object> claims) {
        return Jwt.sign(json, map("typ", "JWT", "alg", "RS256", "kid", "drs-emulator"), claims, tokenKey.getPrivate());
    }

    /** A DRS access token; see {@link DrsEmulator#issueAccessToken(String, String, Instant, Duration)}. */
    String issueAccessToken(String upn, String audience, Instant issuedAt, Duration lifetime) {
        Map<String, Object> claims = claims(audience, issuedAt, lifetime);
        claims.put("appid", DrsEmulator.BROKER_CLIENT_ID);
        claims.put("oid", objectId(upn));
        claims.put("scp", "adrs_access");
        claims.put("tid", tenantId.toString());
        claims.put("unique_name", upn);
        claims.put("upn", upn);
        claims.put("ver", "1.0");
        return sign(claims);
    }

    /** A new user refresh token for {@code upn}, redeemable by {@code clientId} only. */
    String issueRefreshToken(String upn, String clientId) {
        String token = randomToken(48);
        synchronized (lock) {
            refreshTokens.put(token, new UserRefreshToken(upn, clientId));
        }
        return token;
    }

    /** The claims every token the emulator signs starts with: aud, iss (v1), iat, nbf, exp. */
    Map<String, Object> claims(String audience, Instant issuedAt, Duration lifetime) {
        long iat = issuedAt.getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("iss", "https://sts.windows.net/" + tenantId + "/");
        claims.put("iat", iat);
        claims.put("nbf", iat);
        claims.put("exp", iat + lifetime.toSeconds());
        return claims;
    }

    String objectId(String upn) {
        return UUID.nameUUIDFromBytes((tenantId + "/" + upn.toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The DRS {@code ErrorDetails} answer of an error. */
    EmulatorResponse drsError(DrsError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ErrorType", e.errorType());
        body.put("Message", e.getMessage());
        body.put("TraceId", UUID.randomUUID().toString());
        body.put("Time", ERROR_TIME.format(Instant.now()));
        Map<String, String> headers = e.status() == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of();
        return new EmulatorResponse(e.status(), bytes(body), headers);
    }

    byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
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
}
