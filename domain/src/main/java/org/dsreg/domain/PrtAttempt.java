package org.dsreg.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last attempt to acquire or renew one of dsreg's PRTs, kept per registration like dsregcmd's
 * AcquirePrtDiagnostics and RefreshPrtDiagnostics. Holds no secret.
 *
 * @param at            when the attempt was made
 * @param kind          acquire (a first PRT from a user credential) or renew
 * @param account       the account asked for, when known (UPN)
 * @param succeeded     whether a PRT was saved
 * @param httpStatus    the token endpoint's HTTP status; empty when no reply came
 * @param errorCode     the service's error code, such as {@code AADSTS70000}, or a short word of dsreg's own
 *                      ({@code no-reply}, {@code bad-reply}) when the service did not refuse
 * @param description   the service's {@code error_description} (first line), or why dsreg failed
 * @param traceId       the service's {@code trace_id}
 * @param correlationId dsreg's {@code client-request-id}, echoed by the service as {@code correlation_id}
 * @param endpoint      the token endpoint asked
 */
public record PrtAttempt(Instant at, Kind kind, Optional<String> account, boolean succeeded,
                         Optional<Integer> httpStatus, Optional<String> errorCode, Optional<String> description,
                         Optional<String> traceId, Optional<String> correlationId, String endpoint) {
    /** What was attempted. */
    public enum Kind {
        ACQUIRE, RENEW
    }

    public PrtAttempt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(httpStatus, "httpStatus");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
