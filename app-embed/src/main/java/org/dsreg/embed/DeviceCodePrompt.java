package org.dsreg.embed;

/**
 * Shows the user what to do during the OAuth device code flow of a join (the sign-in URL and the code, in
 * DRS's words), as it comes; called from the joining thread, perhaps more than once.
 */
@FunctionalInterface
public interface DeviceCodePrompt {
    /** Shows one message to the user. */
    void show(String message);
}
