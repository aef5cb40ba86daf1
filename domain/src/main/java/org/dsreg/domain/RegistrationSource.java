package org.dsreg.domain;

/** Which program made a registration, and so which of them may change it. */
public enum RegistrationSource {
    /** Made by dsreg and kept in its state directory. */
    DSREG,
    /** Made by the Microsoft identity broker; found in its certificate directory, read only. */
    MICROSOFT_BROKER
}
