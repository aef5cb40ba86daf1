package org.dsreg.application;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.dsreg.domain.CorruptRegistration;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.DomainMembership;
import org.dsreg.domain.HealthRules;
import org.dsreg.domain.JoinState;
import org.dsreg.domain.KeyStatus;
import org.dsreg.domain.PendingReplacement;
import org.dsreg.domain.Problem;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.RegistrationStatus;
import org.dsreg.domain.Thumbprint;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.QueryStatusCommand;
import org.dsreg.port.in.QueryStatusUseCase;
import org.dsreg.port.out.BrokerInstallation;
import org.dsreg.port.out.BrokerRegistrations;
import org.dsreg.port.out.DeviceBroker;
import org.dsreg.port.out.HostFacts;
import org.dsreg.port.out.KeyIntents;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.ServiceManager;
import org.dsreg.port.out.StagedIdentities;
import org.dsreg.port.out.UserBroker;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.state.StateTreeException;

/**
 * Builds the {@link DeviceStatus} from local state and the local brokers (D-Bus). Makes no
 * network call.
 */
public final class QueryStatusService implements QueryStatusUseCase {
    private final RegistrationStore store;
    private final BrokerRegistrations brokerRegistrations;
    private final KeyStorages keyStorages;
    private final HostFacts hostFacts;
    private final PrtStore prts;
    private final BrokerStatusReader brokers;
    private final Clock clock;
    private final Supplier<List<KeyIntents.Intent>> leftovers;
    private final Supplier<List<StagedIdentities.Staged>> replacements;

    public QueryStatusService(RegistrationStore store, BrokerRegistrations brokerRegistrations,
                              KeyStorages keyStorages, HostFacts hostFacts, UserBroker userBroker,
                              DeviceBroker deviceBroker, ServiceManager services, BrokerInstallation installation,
                              PrtStore prts, Clock clock) {
        this(store, brokerRegistrations, keyStorages, hostFacts, userBroker, deviceBroker, services, installation,
                prts, clock, List::of);
    }

    /**
     * With the intent records left by interrupted key creations, reported under Problems. {@code prts} gives what
     * status shows of dsreg's PRTs for each of its own registrations.
     */
    public QueryStatusService(RegistrationStore store, BrokerRegistrations brokerRegistrations,
                              KeyStorages keyStorages, HostFacts hostFacts, UserBroker userBroker,
                              DeviceBroker deviceBroker, ServiceManager services, BrokerInstallation installation,
                              PrtStore prts, Clock clock, Supplier<List<KeyIntents.Intent>> leftovers) {
        this(store, brokerRegistrations, keyStorages, hostFacts, userBroker, deviceBroker, services, installation,
                prts, clock, leftovers, List::of);
    }

    /**
     * With the replacements of dsreg's registrations that did not finish ({@code replacements}:
     * {@link StagedIdentities#pending()}), each shown with its registration; one that cannot be read is not shown.
     */
    public QueryStatusService(RegistrationStore store, BrokerRegistrations brokerRegistrations,
                              KeyStorages keyStorages, HostFacts hostFacts, UserBroker userBroker,
                              DeviceBroker deviceBroker, ServiceManager services, BrokerInstallation installation,
                              PrtStore prts, Clock clock, Supplier<List<KeyIntents.Intent>> leftovers,
                              Supplier<List<StagedIdentities.Staged>> replacements) {
        this.leftovers = leftovers;
        this.replacements = replacements;
        this.store = store;
        this.brokerRegistrations = brokerRegistrations;
        this.keyStorages = keyStorages;
        this.hostFacts = hostFacts;
        this.prts = prts;
        this.brokers = new BrokerStatusReader(userBroker, deviceBroker, services, installation, clock);
        this.clock = clock;
    }

    @Override
    public DeviceStatus queryStatus(QueryStatusCommand command) {
        Instant now = clock.instant();
        // the brokers and realmd are asked (and the buses opened) first, while the local state is read
        Instant deadline = now.plus(command.deadline());
        java.util.concurrent.CompletableFuture<DomainMembership> domain =
                java.util.concurrent.CompletableFuture.supplyAsync(hostFacts::domainMembership);
        try (BrokerStatusReader.Reading reading = brokers.start(command.deadline())) {
            return queryStatus(command, now, reading, domain, deadline);
        }
    }

    private DeviceStatus queryStatus(QueryStatusCommand command, Instant now, BrokerStatusReader.Reading reading,
                                     java.util.concurrent.CompletableFuture<DomainMembership> domain, Instant deadline) {
        List<Problem> problems = new ArrayList<>();
        RegistrationStore.Contents stored = store.contents(); // one read of the state for both
        List<Registration> registrations = registrations(stored.registrations(), command, problems);
        for (KeyIntents.Intent left : leftovers.get()) {
            problems.add(new Problem(Problem.Severity.WARNING, "Keys from a key creation that did not complete, or is running now ("
                    + left.purpose() + ", " + left.at() + "): " + left.keys().stream().map(k -> k.storage() + ":"
                    + k.alias()).collect(java.util.stream.Collectors.joining(", ")),
                    new Remedy.NextChangeRemovesLeftovers()));
        }

        List<RegistrationStatus> statuses = new ArrayList<>();
        List<StagedIdentities.Staged> pending = pendingReplacements();
        for (Registration r : registrations) {
            RegistrationStatus s = new RegistrationStatus(r, keyStatus(r), r.certificate().validityAt(now), prts(r),
                    pending.stream().filter(p -> r.source() == RegistrationSource.DSREG
                            && p.tenant().equals(r.tenantId())).findFirst().map(QueryStatusService::pending));
            statuses.add(s);
            problems.addAll(HealthRules.problemsOf(s, now));
        }
        // realmd is asked over D-Bus too: alongside the brokers, within the same deadline
        BrokerStatusReader.Report broker = reading.report();
        JoinState joinState = JoinState.of(registrations, await(domain, deadline));
        List<CorruptRegistration> corrupt = stored.corrupt().stream()
                .filter(c -> command.tenant().isEmpty() || c.tenant().equals(command.tenant()))
                .toList();
        corrupt.forEach(c -> problems.add(c.problem()));
        return new DeviceStatus(now, hostFacts.host(), joinState, statuses, broker.broker(), broker.userState(),
                problems, corrupt);
    }

    private DomainMembership await(java.util.concurrent.CompletableFuture<DomainMembership> domain, Instant deadline) {
        long millis = Math.max(0, java.time.Duration.between(clock.instant(), deadline).toMillis());
        try {
            return domain.get(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return new DomainMembership.Unknown("realmd did not answer in time");
        } catch (java.util.concurrent.ExecutionException e) {
            return new DomainMembership.Unknown(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DomainMembership.Unknown("interrupted");
        }
    }

    /** dsreg's own registrations first, then the broker's that are not the same certificate. */
    private List<Registration> registrations(List<Registration> own, QueryStatusCommand command,
                                             List<Problem> problems) {
        List<Registration> all = new ArrayList<>(own);
        Set<Thumbprint> seen = new HashSet<>();
        all.forEach(r -> seen.add(r.certificate().thumbprint()));
        BrokerRegistrations.Found broker = brokerRegistrations.read();
        for (Registration r : broker.registrations()) {
            if (seen.add(r.certificate().thumbprint())) {
                all.add(r);
            }
        }
        for (String reason : broker.unreadable()) {
            problems.add(new Problem(Problem.Severity.WARNING,
                    "A device certificate of the Microsoft identity broker could not be read: " + reason,
                    Remedy.say("run dsreg as root to include the broker's device registration")));
        }
        return all.stream()
                .filter(r -> command.tenant().map(t -> t.equals(r.tenantId())).orElse(true))
                .toList();
    }

    /** The replacements left behind; none when their directory cannot be read (a user's status, say). */
    private List<StagedIdentities.Staged> pendingReplacements() {
        try {
            return replacements.get();
        } catch (StateTreeException e) {
            if (e.rule() == StateTreeException.Rule.TOO_OPEN || e.rule() == StateTreeException.Rule.PERMISSION_DENIED) {
                return List.of();
            }
            throw e; // a link or a foreign owner in the tree: exit 3, naming the path
        }
    }

    private static PendingReplacement pending(StagedIdentities.Staged s) {
        return new PendingReplacement(s.purpose() == StagedIdentities.Purpose.REPAIR ? PendingReplacement.Kind.REPAIR
                : PendingReplacement.Kind.REKEY, s.previous().deviceId(), s.next().deviceId(), s.next().deviceKey());
    }

    /** dsreg's PRTs for its own registrations; the Microsoft broker keeps its own (shown with the user's accounts). */
    private PrtRecords prts(Registration r) {
        return r.source() == RegistrationSource.DSREG ? prts.read(r.tenantId()) : new PrtRecords.NotKept();
    }

    private KeyStatus keyStatus(Registration r) {
        if (r.source() == RegistrationSource.MICROSOFT_BROKER) {
            return new KeyStatus.Unknown("held by the Microsoft identity broker");
        }
        Optional<KeyStorage> storage;
        try {
            storage = keyStorages.find(r.deviceKey().storage());
        } catch (KeyStorageException e) {
            return new KeyStatus.Unknown("key storage '" + r.deviceKey().storage() + "': " + e.getMessage());
        }
        if (storage.isEmpty()) {
            return new KeyStatus.Unknown("key storage '" + r.deviceKey().storage() + "' is not available here");
        }
        try {
            Optional<PublicKey> key = storage.get().publicKey(r.deviceKey().alias());
            if (key.isEmpty()) {
                return new KeyStatus.Missing(storage.get().name());
            }
            boolean matches = r.certificate().certifiesKey(key.get().getEncoded());
            return new KeyStatus.Present(storage.get().protection(), matches);
        } catch (KeyStorageException e) {
            return new KeyStatus.Unknown(e.getMessage());
        } catch (StateTreeException e) {
            if (e.rule() == StateTreeException.Rule.TOO_OPEN || e.rule() == StateTreeException.Rule.PERMISSION_DENIED) {
                return new KeyStatus.Unknown(e.getMessage()); // about this key, or this user: status goes on
            }
            throw e; // a link or a foreign owner in the tree: exit 3, naming the path
        }
    }
}
