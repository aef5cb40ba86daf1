package org.dsreg.port.out;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What the token endpoint granted: a PRT, its session key on a first acquisition (32 bytes, decrypted by the
 * transport key; empty on a renewal, which keeps the session key), the account from the ID token, and when the PRT
 * expires. {@link #toString()} shows no secret.
 *
 * @param correlationId the {@code client-request-id} dsreg sent
 * @param endpoint      the token endpoint asked
 */
public record PrtGrant(String prt, Optional<byte[]> sessionKey, Optional<String> upn, Optional<String> objectId,
                       Optional<Instant> expiresOn, String correlationId, String endpoint) {
    public PrtGrant {
        Objects.requireNonNull(prt, "prt");
        sessionKey = sessionKey.map(byte[]::clone);
        Objects.requireNonNull(upn, "upn");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(expiresOn, "expiresOn");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public Optional<byte[]> sessionKey() {
        return sessionKey.map(byte[]::clone);
    }

    /** Clears the session key this grant holds. */
    public void clear() {
        sessionKey.ifPresent(k -> Arrays.fill(k, (byte) 0));
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "PrtGrant[prt hidden, sessionKey " + (sessionKey.isPresent() ? "hidden" : "none") + ", upn="
                + upn.orElse("?") + ", expiresOn=" + expiresOn.map(Object::toString).orElse("?") + "]";
    }
}
