package org.dsreg.domain;

import java.util.Objects;

/** One broker account and what is known of its PRT. */
public record AccountState(Account account, PrtState prt) {
    public AccountState {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(prt, "prt");
    }
}
