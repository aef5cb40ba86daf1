package org.dsreg.testkit.dbus;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;

/** Options of a {@link FakeBroker}, from {@link FakeBroker#builder(BrokerProfile)}. */
public final class FakeBrokerBuilder {
    final BrokerProfile profile;
    List<FakeAccount> accounts;
    Duration exportDelay = Duration.ZERO;
    int vanishAfterCalls;
    Boolean introspectable;
    Clock clock = Clock.systemUTC();
    BiFunction<String, List<String>, String> accessTokens;

    FakeBrokerBuilder(BrokerProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /**
     * Adds an account; the first call replaces the profile's default accounts.
     *
     * @param upn      the user principal name
     * @param tenantId the tenant id (a GUID)
     * @return this
     */
    public FakeBrokerBuilder account(String upn, String tenantId) {
        return account(FakeAccount.of(upn, tenantId));
    }

    /**
     * Adds an account; the first call replaces the profile's default accounts.
     *
     * @param account the account
     * @return this
     */
    public FakeBrokerBuilder account(FakeAccount account) {
        if (accounts == null) {
            accounts = new ArrayList<>();
        }
        accounts.add(Objects.requireNonNull(account, "account"));
        return this;
    }

    /**
     * Sets the accounts, replacing the defaults; an empty list makes a broker with no account.
     *
     * @param list the accounts
     * @return this
     */
    public FakeBrokerBuilder accounts(List<FakeAccount> list) {
        accounts = new ArrayList<>(list);
        return this;
    }

    /**
     * Owns the bus name at once but exports the object only after {@code delay}, like a D-Bus activated
     * broker that is still starting: calls in between get {@code org.freedesktop.DBus.Error.UnknownObject}.
     *
     * @param delay the delay (zero: export before {@code start} returns)
     * @return this
     */
    public FakeBrokerBuilder exportDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        exportDelay = delay;
        return this;
    }

    /**
     * After answering {@code n} broker calls, the broker drops its bus name and disconnects (a crash): later
     * calls to {@value FakeBroker#BUS_NAME} get {@code org.freedesktop.DBus.Error.ServiceUnknown} from the bus.
     * {@code Peer} calls do not count.
     *
     * @param n calls to answer, at least 1 (0: never vanish)
     * @return this
     */
    public FakeBrokerBuilder vanishAfterCalls(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative call count: " + n);
        }
        vanishAfterCalls = n;
        return this;
    }

    /**
     * Whether to keep dbus-java's automatic {@code org.freedesktop.DBus.Introspectable} (like the 2.0.1
     * broker) or refuse it ({@code Introspect} gets {@code org.freedesktop.DBus.Error.UnknownMethod}, like
     * later brokers). Default: {@link BrokerProfile#answersIntrospect()}.
     *
     * @param answer true to answer {@code Introspect}
     * @return this
     */
    public FakeBrokerBuilder introspectable(boolean answer) {
        introspectable = answer;
        return this;
    }

    /**
     * The clock for token and cookie times (default: system UTC).
     *
     * @param c the clock
     * @return this
     */
    public FakeBrokerBuilder clock(Clock c) {
        clock = Objects.requireNonNull(c, "clock");
        return this;
    }

    /**
     * Where {@code acquireTokenSilently}'s access tokens come from: {@code issuer.apply(username, requestedScopes)},
     * for a token another fake must accept (a DRS emulator's, for its Graph endpoint). Default: the fake's own
     * unsigned tokens, whose {@code aud} is the scope's resource.
     *
     * @param issuer the issuer of access tokens
     * @return this
     */
    public FakeBrokerBuilder accessTokens(BiFunction<String, List<String>, String> issuer) {
        accessTokens = Objects.requireNonNull(issuer, "issuer");
        return this;
    }

    /**
     * Connects to the bus, owns {@value FakeBroker#BUS_NAME} and exports the object (now or after the
     * export delay).
     *
     * @param busAddress the bus address
     * @return the running broker
     * @throws DBusException when the connection fails or the name cannot be owned
     */
    public FakeBroker start(String busAddress) throws DBusException {
        DBusConnection connection = BusSupport.connectService(Objects.requireNonNull(busAddress, "busAddress"));
        FakeBroker broker = new FakeBroker(this, connection);
        try {
            broker.begin(introspectable != null ? introspectable : profile.answersIntrospect(), exportDelay);
        } catch (DBusException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }
}
