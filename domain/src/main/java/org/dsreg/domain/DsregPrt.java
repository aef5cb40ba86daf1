package org.dsreg.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What dsreg keeps of a Primary Refresh Token it holds for one Entra account of one of its own registrations:
 * the metadata shown by status, never the PRT or its session key.
 *
 * @param tenantId             the registration's tenant
 * @param upn                  the account's user principal name, from the PRT reply's ID token
 * @param objectId             the account's object id ({@code oid}): PRTs are kept per object id
 * @param cachedAt             when the PRT was first acquired
 * @param expiresOn            when the PRT expires, as the service said ({@code refresh_token_expires_in})
 * @param lastRefresh          when it was last renewed; empty when never
 * @param kdfVersion           the session-key KDF version dsreg signs with (1 or 2): the Session Key Protocol
 * @param sessionKeyProtection where the session key lives: {@code TPM} (inside the TPM), another hardware
 *                             backend's name, or {@code software} (a 0600 file)
 */
public record DsregPrt(TenantId tenantId, String upn, String objectId, Instant cachedAt, Optional<Instant> expiresOn,
                       Optional<Instant> lastRefresh, int kdfVersion, String sessionKeyProtection) {
    public DsregPrt {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(upn, "upn");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(cachedAt, "cachedAt");
        Objects.requireNonNull(expiresOn, "expiresOn");
        Objects.requireNonNull(lastRefresh, "lastRefresh");
        Objects.requireNonNull(sessionKeyProtection, "sessionKeyProtection");
        if (kdfVersion != 1 && kdfVersion != 2) {
            throw new IllegalArgumentException("KDF version " + kdfVersion + " is neither 1 nor 2");
        }
        if (!Guids.isGuid(objectId)) {
            throw new IllegalArgumentException("the object id is not a GUID");
        }
    }

    /** The PRT's age: time since it was last refreshed, or else since it was acquired. */
    public Duration age(Clock clock) {
        return Duration.between(lastRefresh.orElse(cachedAt), clock.instant());
    }

    public boolean expiredAt(Instant now) {
        return expiresOn.map(now::isAfter).orElse(false);
    }

    /** As the seed words it: "Session Key Protocol". */
    public String sessionKeyProtocol() {
        return "AzureAD-SecureConversation KDF v" + kdfVersion;
    }

    /** The same PRT after a renewal at {@code at}, valid until {@code newExpiry}. */
    public DsregPrt renewed(Instant at, Optional<Instant> newExpiry) {
        return new DsregPrt(tenantId, upn, objectId, cachedAt, newExpiry, Optional.of(at), kdfVersion,
                sessionKeyProtection);
    }
}
