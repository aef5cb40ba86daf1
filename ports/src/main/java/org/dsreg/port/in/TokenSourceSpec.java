package org.dsreg.port.in;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a join's DRS access token comes from: the broker, the device code flow or a file (the embedding API's
 * {@code TokenSource}, which also parses the CLI's words for them).
 */
public sealed interface TokenSourceSpec {
    /** The signed-in user's identity broker. */
    record Broker() implements TokenSourceSpec {
    }

    /** The OAuth device code flow: the user signs in on another device. */
    record DeviceCode() implements TokenSourceSpec {
    }

    /** A token kept in a file. */
    record File(Path path) implements TokenSourceSpec {
        public File {
            Objects.requireNonNull(path, "path");
        }
    }
}
