package org.dsreg.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dsreg.domain.Account;
import org.dsreg.domain.AccountState;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.BrokerError;
import org.dsreg.domain.BrokerInfo;
import org.dsreg.domain.PrtState;
import org.dsreg.domain.ServiceUnit;
import org.dsreg.domain.UserState;
import org.dsreg.domain.Remedy;
import org.dsreg.port.out.BrokerException;
import org.dsreg.port.out.BrokerInstallation;
import org.dsreg.port.out.DeviceBroker;
import org.dsreg.port.out.ServiceManager;
import org.dsreg.port.out.UserBroker;

/**
 * Asks the brokers and systemd everything status shows, concurrently, and never waits past one
 * deadline in total: what has not answered by then is reported as unknown.
 */
final class BrokerStatusReader {
    static final String DEVICE_UNIT = "microsoft-identity-device-broker.service";
    static final String USER_UNIT = "microsoft-identity-broker.service";

    /** What was read: broker information and the user's accounts. */
    record Report(BrokerInfo broker, UserState userState) {
    }

    private final UserBroker userBroker;
    private final DeviceBroker deviceBroker;
    private final ServiceManager services;
    private final BrokerInstallation installation;
    private final Clock clock;

    BrokerStatusReader(UserBroker userBroker, DeviceBroker deviceBroker, ServiceManager services,
                       BrokerInstallation installation, Clock clock) {
        this.userBroker = userBroker;
        this.deviceBroker = deviceBroker;
        this.services = services;
        this.installation = installation;
        this.clock = clock;
    }

    Report read(Duration timeout) {
        return start(timeout).report();
    }

    /**
     * Starts asking, and returns at once: the calls run (and the buses open) while the caller reads what is
     * local. {@link Reading#report()} waits for them, never past {@code timeout} from now; {@link Reading#close()}
     * stops waiting for what has not answered.
     */
    Reading start(Duration timeout) {
        return new Reading(clock.instant().plus(timeout));
    }

    /** The calls under way; {@link #report()} once, then (or instead) {@link #close()}. */
    final class Reading implements AutoCloseable {
        private final Instant deadline;
        private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dsreg-status");
            t.setDaemon(true); // a call that never answers must not keep the process alive
            return t;
        });
        private final Future<String> userVersion = pool.submit(userBroker::version);
        private final Future<List<Account>> accounts = pool.submit(userBroker::accounts);
        private final Future<String> deviceVersion = pool.submit(deviceBroker::version);
        private final Future<ServiceUnit> deviceUnit = pool.submit(() -> services.unit(DEVICE_UNIT,
                ServiceUnit.Scope.SYSTEM));
        private final Future<ServiceUnit> userUnit = pool.submit(() -> services.unit(USER_UNIT, ServiceUnit.Scope.USER));

        private Reading(Instant deadline) {
            this.deadline = deadline;
        }

        /** What the brokers and systemd said by the deadline. */
        Report report() {
            try {
                return BrokerStatusReader.this.report(this);
            } finally {
                close();
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    private Report report(Reading r) {
        Instant deadline = r.deadline;
        boolean userFiles = installation.userBrokerInstalled();
        boolean deviceFiles = installation.deviceBrokerInstalled();

        Outcome<List<Account>> accountsOutcome = await(r.accounts, deadline);
        List<Exception> lostContact = new ArrayList<>();
        accountsOutcome.failure().filter(BrokerStatusReader::unreachable).ifPresent(lostContact::add);
        UserState userState = userState(accountsOutcome, r.pool, deadline, lostContact);

        ServiceUnit device = awaitUnit(r.deviceUnit, DEVICE_UNIT, ServiceUnit.Scope.SYSTEM, deadline);
        ServiceUnit user = awaitUnit(r.userUnit, USER_UNIT, ServiceUnit.Scope.USER, deadline);
        boolean userInstalled = userFiles || user.loaded().orElse(false);
        boolean deviceInstalled = deviceFiles || device.loaded().orElse(false);

        Outcome<String> userVersionOutcome = await(r.userVersion, deadline);
        BrokerConnection userConnection = userVersionOutcome.value().isEmpty() && userBroker.starting()
                ? new BrokerConnection.Starting("it holds its bus name but was still starting when the deadline"
                        + " passed (it answered UnknownObject)",
                        Remedy.either(Remedy.say("run dsreg again"), new Remedy.LongerTimeout()))
                : connection(userVersionOutcome, userInstalled);
        if (userConnection instanceof BrokerConnection.Reachable && !lostContact.isEmpty()) {
            // it answered, then went away during the run: as good as unreachable
            userConnection = new BrokerConnection.Unreachable("the broker stopped answering: "
                    + lostContact.get(0).getMessage());
        }
        BrokerConnection deviceConnection = connection(await(r.deviceVersion, deadline), deviceInstalled);
        BrokerInfo info = new BrokerInfo(userInstalled, deviceInstalled, userConnection, deviceConnection,
                device, user, Optional.empty());
        return new Report(info, userState);
    }

    private UserState userState(Outcome<List<Account>> accounts, ExecutorService pool, Instant deadline,
                                List<Exception> lostContact) {
        if (accounts.value().isEmpty()) {
            Exception e = accounts.failure().orElseThrow();
            if (e instanceof BrokerException b && b.error().isPresent()) {
                return new UserState.Failed(b.error().get());
            }
            if (e instanceof BrokerException b && b.reason() == BrokerException.Reason.MALFORMED_REPLY) {
                return new UserState.Failed(malformed(b));
            }
            return new UserState.Unavailable(e.getMessage());
        }
        List<Account> list = accounts.value().get();
        List<Future<PrtState>> prts = new ArrayList<>();
        for (Account a : list) {
            prts.add(pool.submit(() -> userBroker.prt(a)));
        }
        List<AccountState> states = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Outcome<PrtState> prt = await(prts.get(i), deadline);
            prt.failure().filter(BrokerStatusReader::unreachable).ifPresent(lostContact::add);
            states.add(new AccountState(list.get(i), prt.value()
                    .orElseGet(() -> new PrtState.Unknown(prt.failure().get().getMessage()))));
        }
        return new UserState.Known(states);
    }

    private static BrokerConnection connection(Outcome<String> version, boolean installed) {
        if (version.value().isPresent()) {
            return new BrokerConnection.Reachable(version.value());
        }
        Exception e = version.failure().orElseThrow();
        if (e instanceof BrokerException b && b.error().isPresent()) {
            return new BrokerConnection.Failed(b.error().get());
        }
        if (e instanceof BrokerException b && b.reason() == BrokerException.Reason.MALFORMED_REPLY) {
            return new BrokerConnection.Failed(malformed(b));
        }
        if (e instanceof BrokerException b && b.reason() == BrokerException.Reason.NOT_SUPPORTED) {
            return new BrokerConnection.Reachable(Optional.empty()); // it is there; it does not tell its version
        }
        if (installed && e instanceof BrokerException b && b.reason() == BrokerException.Reason.NO_BUS) {
            return new BrokerConnection.Unknown(e.getMessage()); // nowhere to ask: not a broker failure
        }
        return installed ? new BrokerConnection.Unreachable(e.getMessage()) : new BrokerConnection.NotInstalled();
    }

    private static BrokerError malformed(BrokerException e) {
        return new BrokerError("", "malformed_reply", "", "", e.getMessage());
    }

    private static boolean unreachable(Exception e) {
        return e instanceof BrokerException b && b.reason() == BrokerException.Reason.UNREACHABLE;
    }

    private ServiceUnit awaitUnit(Future<ServiceUnit> unit, String name, ServiceUnit.Scope scope, Instant deadline) {
        Outcome<ServiceUnit> o = await(unit, deadline);
        return o.value().orElseGet(() -> new ServiceUnit(name, scope, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(o.failure().get().getMessage())));
    }

    /** A value, or why there is none. */
    private record Outcome<T>(Optional<T> value, Optional<Exception> failure) {
    }

    private <T> Outcome<T> await(Future<T> future, Instant deadline) {
        long millis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        try {
            return new Outcome<>(Optional.of(future.get(millis, TimeUnit.MILLISECONDS)), Optional.empty());
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Outcome<>(Optional.empty(), Optional.of(BrokerException.timeout(
                    "no answer before the deadline")));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Outcome<>(Optional.empty(), Optional.of(cause instanceof Exception ex ? ex
                    : new IllegalStateException(String.valueOf(cause), cause)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(Optional.empty(), Optional.of(BrokerException.timeout("interrupted")));
        }
    }
}
