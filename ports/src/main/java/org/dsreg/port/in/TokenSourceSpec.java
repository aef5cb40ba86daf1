package org.dsreg.port.in;

import java.nio.file.Path;
import java.util.Objects;
import org.dsreg.domain.DsregException;

/** Where a join's DRS access token comes from: {@code broker}, {@code device-code} or {@code file:PATH}. */
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

    /** Parses the {@code --token-source} value. */
    static TokenSourceSpec parse(String text) {
        if ("broker".equals(text)) {
            return new Broker();
        }
        if ("device-code".equals(text)) {
            return new DeviceCode();
        }
        if (text != null && text.startsWith("file:") && text.length() > "file:".length()) {
            return new File(Path.of(text.substring("file:".length())));
        }
        throw DsregException.invalidArgument("'" + String.valueOf(text).replaceAll("\\p{Cntrl}", "?")
                + "' is not a token source (broker, device-code or file:PATH)");
    }
}
