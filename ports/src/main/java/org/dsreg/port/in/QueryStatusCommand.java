package org.dsreg.port.in;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.TenantId;

/**
 * Ask for the device's status, for one tenant or (when empty) for every registration. Broker
 * queries together take at most {@code deadline}.
 */
public record QueryStatusCommand(Optional<TenantId> tenant, Duration deadline) {
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    public QueryStatusCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw DsregException.invalidArgument("the timeout must be positive");
        }
    }

    public static QueryStatusCommand allTenants() {
        return new QueryStatusCommand(Optional.empty(), DEFAULT_DEADLINE);
    }
}
