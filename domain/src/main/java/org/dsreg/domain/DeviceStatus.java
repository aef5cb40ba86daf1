package org.dsreg.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code dsreg --status} reports, as one immutable value that renderers (text, JSON,
 * metrics) turn into output. Built by the status use case; renderers compute nothing.
 */
public record DeviceStatus(
        Instant generatedAt,
        HostInfo host,
        JoinState joinState,
        List<RegistrationStatus> registrations,
        BrokerInfo broker,
        UserState userState,
        List<Problem> problems,
        List<CorruptRegistration> corrupt) {

    /** A status with no corrupt registration file. */
    public DeviceStatus(Instant generatedAt, HostInfo host, JoinState joinState, List<RegistrationStatus> registrations,
                        BrokerInfo broker, UserState userState, List<Problem> problems) {
        this(generatedAt, host, joinState, registrations, broker, userState, problems, List.of());
    }

    public DeviceStatus {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(joinState, "joinState");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(userState, "userState");
        registrations = List.copyOf(registrations);
        problems = List.copyOf(problems);
        corrupt = List.copyOf(corrupt);
    }

    /** Registered (joined or workplace joined) with at least one tenant. */
    public boolean registered() {
        return !registrations.isEmpty();
    }

    /** An installed broker that cannot be used now: not answering, or still starting at the deadline. */
    public static boolean unavailable(BrokerConnection c) {
        return c instanceof BrokerConnection.Unreachable || c instanceof BrokerConnection.Starting;
    }

    /**
     * How the query as a whole ended, for the exit code: an installed broker that could not be
     * reached, or was still starting at the deadline, is {@link ErrorKind#NOT_AVAILABLE}; an error reply to a query is
     * {@link ErrorKind#QUERY_FAILED}, and so is a corrupt registration file; anything else (not registered, no PRT, no bus to ask a
     * broker on included) is success.
     */
    public Optional<ErrorKind> failure() {
        if (unavailable(broker.userBroker()) || unavailable(broker.deviceBroker())) {
            return Optional.of(ErrorKind.NOT_AVAILABLE);
        }
        if (broker.userBroker() instanceof BrokerConnection.Failed
                || broker.deviceBroker() instanceof BrokerConnection.Failed
                || userState instanceof UserState.Failed || !corrupt.isEmpty()) {
            return Optional.of(ErrorKind.QUERY_FAILED);
        }
        return Optional.empty();
    }
}
