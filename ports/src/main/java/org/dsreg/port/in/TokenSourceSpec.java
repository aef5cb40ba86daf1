package org.dsreg.port.in;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a join's DRS access token comes from: the broker, the device code flow, a file, or a refresh token in a file (the embedding API's
 * {@code TokenSource}, which also parses the CLI's words for them).
 */
public sealed interface TokenSourceSpec {
    /** The signed-in user's identity broker. */
    record Broker() implements TokenSourceSpec {
    }

    /** The OAuth device code flow: the user signs in on another device. */
    record DeviceCode() implements TokenSourceSpec {
    }

    /**
     * A user refresh token kept in a file, issued to the PRT client (a first PRT's credential; a join redeems it
     * for its DRS token). The file must be readable by its owner alone.
     */
    record RefreshTokenFile(Path path) implements TokenSourceSpec {
        public RefreshTokenFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /** A token kept in a file. */
    record File(Path path) implements TokenSourceSpec {
        public File {
            Objects.requireNonNull(path, "path");
        }
    }
}
