package org.dsreg.application;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.Account;
import org.dsreg.domain.PrtState;
import org.dsreg.port.out.TokenRequest;
import org.dsreg.port.out.UserBroker;

/** A UserBroker whose answers a test scripts; records token requests; can hang forever. */
final class ScriptedUserBroker implements UserBroker {
    Supplier<String> version = () -> "2.0.1";
    Supplier<List<Account>> accounts = List::of;
    Supplier<PrtState> prt = () -> new PrtState.Absent("none");
    Supplier<AccessToken> token = () -> {
        throw new AssertionError("no token scripted");
    };
    /** What {@link #starting()} answers: the broker's last answer was UnknownObject. */
    volatile boolean starting;
    final List<TokenRequest> tokenRequests = new ArrayList<>();
    final List<Account> tokenAccounts = new ArrayList<>();

    /** A supplier that blocks until the test ends (a broker call that never answers). */
    static <T> Supplier<T> hang() {
        return () -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("interrupted");
        };
    }

    @Override
    public String version() {
        return version.get();
    }

    @Override
    public List<Account> accounts() {
        return accounts.get();
    }

    @Override
    public PrtState prt(Account account) {
        return prt.get();
    }

    @Override
    public synchronized AccessToken acquireTokenSilently(Account account, TokenRequest request) {
        tokenAccounts.add(account);
        tokenRequests.add(request);
        return token.get();
    }

    @Override
    public boolean starting() {
        return starting;
    }

    @Override
    public void removeAccount(Account account) {
        throw new UnsupportedOperationException();
    }
}
