package org.dsreg.embed;

import java.nio.file.Path;
import java.util.Objects;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.Printable;

/**
 * Where a join's DRS access token, or a first PRT's user credential, comes from. Whatever the source, a token for another audience, an expired
 * one or one of another tenant is refused.
 */
public sealed interface TokenSource {
    /** The OAuth device code flow: the user signs in on another device, told how by the {@link DeviceCodePrompt}. */
    record DeviceCode() implements TokenSource {
    }

    /** The signed-in user's identity broker. */
    record Broker() implements TokenSource {
    }

    /** A token kept in a file (at most 64 KiB). */
    record File(Path path) implements TokenSource {
        public File {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A user refresh token kept in a file, issued to the PRT client (the first sign-in of a PRT). The file must be
     * readable by its owner alone.
     */
    record RefreshTokenFile(Path path) implements TokenSource {
        public RefreshTokenFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A source as the CLI's {@code --token-source} names it: {@code device-code}, {@code broker},
     * {@code file:PATH} or {@code refresh-token:PATH}; anything else is an {@link org.dsreg.domain.ErrorKind#INVALID_ARGUMENTS} failure.
     */
    static TokenSource parse(String text) {
        if ("broker".equals(text)) {
            return new Broker();
        }
        if ("device-code".equals(text)) {
            return new DeviceCode();
        }
        if (text != null && text.startsWith("file:") && text.length() > "file:".length()) {
            return new File(Path.of(text.substring("file:".length())));
        }
        if (text != null && text.startsWith("refresh-token:") && text.length() > "refresh-token:".length()) {
            return new RefreshTokenFile(Path.of(text.substring("refresh-token:".length())));
        }
        throw DsregException.invalidArgument("'" + Printable.of(text)
                + "' is not a token source (broker, device-code, file:PATH or refresh-token:PATH)");
    }
}
