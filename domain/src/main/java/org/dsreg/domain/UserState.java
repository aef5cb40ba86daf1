package org.dsreg.domain;

import java.util.List;
import java.util.Objects;

/** The signed-in user's broker accounts and their PRTs, as far as the broker exposes them. */
public sealed interface UserState {

    /** The broker listed the accounts. */
    record Known(List<AccountState> accounts) implements UserState {
        public Known {
            accounts = List.copyOf(accounts);
        }
    }

    /** The accounts could not be listed (no broker, no session bus, no reply in time). */
    record Unavailable(String reason) implements UserState {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The broker answered the account query with an error reply. */
    record Failed(BrokerError error) implements UserState {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
