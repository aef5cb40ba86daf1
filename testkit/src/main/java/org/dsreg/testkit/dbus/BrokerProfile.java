package org.dsreg.testkit.dbus;

/**
 * Reply shapes of the Microsoft identity broker that {@link FakeBroker} reproduces, one per broker generation or
 * failure mode seen in the wild (see {@code shared/reference/broker-dbus.md}).
 */
public enum BrokerProfile {

    /**
     * Broker 2.0.1 (the Java broker), all calls succeed. Two default accounts. {@code acquirePrtSsoCookie} answers
     * {@code {"account":{...},"cookieContent":"<JWT>","cookieName":"x-ms-RefreshTokenCredential"}};
     * {@code acquireTokenSilently} answers a {@code brokerTokenResponse} with {@code account}.
     */
    V2_0_1("2.0.1", 2),

    /**
     * Broker 2.5.2 whose PRT has expired. {@code getAccounts} replies carry {@code "telemetry":{"broker_version":"2.5.2"}};
     * {@code acquireTokenSilently} answers {@code {"brokerTokenResponse":{"error":{...}}}} and
     * {@code acquirePrtSsoCookie} a top-level {@code {"error":{...}}}, both with status {@code invalid_grant} and
     * subStatus {@code token_expired}.
     */
    V2_5_2_ERRORS("2.5.2", 1),

    /**
     * Broker 3.0.x: {@code acquireTokenSilently} without {@code account}, {@code acquirePrtSsoCookie} as
     * {@code {"cookieItems":[{...}]}}, and an unknown {@code "futureField":{"x":1}} in every reply that clients
     * must ignore.
     */
    V3_0("3.0.1", 1),

    /**
     * Answers version, accounts and tokens like {@link #V2_0_1} (one account), but {@code acquirePrtSsoCookie}
     * never answers: the call blocks until the {@link FakeBroker} is closed, which then answers it with
     * {@code org.freedesktop.DBus.Error.NoReply}.
     */
    HANG("2.0.1", 1),

    /**
     * Answers like {@link #V2_0_1} (one account) except {@code getAccounts}, which answers a top-level
     * {@code {"error":{"status":"internal_error","errorCode":"1234",...}}}.
     */
    ACCOUNTS_ERROR("2.0.1", 1),

    /**
     * Answers like {@link #V2_0_1} (one account) except {@code getAccounts}, which never answers: the call blocks
     * until the {@link FakeBroker} is closed, which then answers it with {@code org.freedesktop.DBus.Error.NoReply}.
     */
    ACCOUNTS_HANG("2.0.1", 1),

    /**
     * Answers like {@link #V2_0_1} (one account) except {@code getAccounts}, whose reply is a JSON object of about
     * {@link #HUGE_REPLY_BYTES} bytes: its accounts list is there, padded with a long unknown field.
     */
    HUGE_ACCOUNTS("2.0.1", 1);

    /** The size of {@link #HUGE_ACCOUNTS}'s {@code getAccounts} reply: 60 MB. */
    public static final int HUGE_REPLY_BYTES = 60 * 1024 * 1024;

    private final String brokerVersion;
    private final int defaultAccounts;

    BrokerProfile(String brokerVersion, int defaultAccounts) {
        this.brokerVersion = brokerVersion;
        this.defaultAccounts = defaultAccounts;
    }

    /**
     * The version {@code getLinuxBrokerVersion} reports.
     *
     * @return e.g. {@code "2.0.1"}
     */
    public String brokerVersion() {
        return brokerVersion;
    }

    /**
     * Whether the broker answers {@code org.freedesktop.DBus.Introspectable.Introspect}: the 2.0.1 broker did (and
     * clients older than early 2026 introspect it before calling), brokers after it do not
     * ({@code shared/reference/broker-dbus.md}). True for every profile that reports version 2.0.1.
     *
     * @return whether {@code Introspect} answers by default
     */
    public boolean answersIntrospect() {
        return brokerVersion.equals("2.0.1");
    }

    /**
     * How many of {@link FakeAccount#defaults()} the fake knows when the builder sets no accounts.
     *
     * @return 1 or 2
     */
    public int defaultAccountCount() {
        return defaultAccounts;
    }
}
