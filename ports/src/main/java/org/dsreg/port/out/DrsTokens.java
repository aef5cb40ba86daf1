package org.dsreg.port.out;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.dsreg.domain.AccessToken;

/** DRS access tokens that do not come from the broker: from a file, or by the OAuth device code flow. */
public interface DrsTokens {
    /** A token read from a file (the token alone; surrounding white space ignored). */
    AccessToken fromFile(Path file);

    /**
     * A token read from a file, as {@link #fromFile(Path)}; {@code warning} receives a line to show
     * the user when the file is readable by group or others (the token is used all the same).
     */
    default AccessToken fromFile(Path file, Consumer<String> warning) {
        return fromFile(file);
    }

    /**
     * The device code flow against the tenant's authority from discovery: {@code prompt} receives
     * the message to show the user (verification URL and code); polling honours interval,
     * slow_down and expiry.
     */
    AccessToken deviceCode(Discovery discovery, String clientId, String scope, Consumer<String> prompt);
}
