package org.dsreg.port.out;

import java.util.List;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.Account;
import org.dsreg.domain.PrtState;

/**
 * The signed-in user's identity broker ({@code com.microsoft.identity.broker1} on the session
 * bus). Every call answers within the configured deadline or throws {@link BrokerException}.
 */
public interface UserBroker {
    /** The broker's version ({@code getLinuxBrokerVersion}). */
    String version();

    /** The accounts the broker holds for this user ({@code getAccounts}). */
    List<Account> accounts();

    /**
     * Whether the account has a usable PRT: a PRT SSO cookie can be had for it
     * ({@code acquirePrtSsoCookie}). An error reply means no usable PRT and is reported as
     * {@link PrtState.Absent} with the broker's error; only an unreachable broker throws.
     */
    PrtState prt(Account account);

    /** An access token acquired silently for the account ({@code acquireTokenSilently}). */
    AccessToken acquireTokenSilently(Account account, TokenRequest request);

    /** Removes the account from the broker ({@code removeAccount}). */
    void removeAccount(Account account);

    /**
     * Whether the broker is starting: it holds its bus name, but its last answer was that its object
     * is not there yet ({@code UnknownObject}), and it has answered nothing since. What a call that
     * ran out of time was waiting for, so that status can tell "starting" from "not installed".
     */
    default boolean starting() {
        return false;
    }
}
