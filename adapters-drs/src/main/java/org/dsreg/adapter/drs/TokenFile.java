package org.dsreg.adapter.drs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;

/**
 * A token kept in a file by the user (an access token for a join, a refresh token for a first PRT): one regular
 * file, at most {@link #MAX_BYTES}, holding one token of printable ASCII and nothing else but surrounding white
 * space. A link given on the command line is resolved once; the file is then checked and opened without following
 * links, and refused if it changed in between, so the permissions judged are those of the file read. Every refusal
 * is {@code DRS_TOKEN_REQUIRED} (exit 5), and no message quotes the file's content.
 */
final class TokenFile {
    static final long MAX_BYTES = 64 * 1024;

    /** What the file holds, and whether group or others may read it. {@link #toString()} hides the token. */
    record Content(String token, boolean readableByOthers) {
        Content {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "TokenFile.Content[token hidden, readableByOthers=" + readableByOthers + "]";
        }
    }

    private TokenFile() {
    }

    /**
     * Reads the token.
     *
     * @param name what the file is, for messages ("token file")
     * @param kind what it should hold ("access token")
     */
    static Content read(Path file, String name, String kind) {
        try {
            Path real = file.toRealPath();
            PosixFileAttributes before = Files.readAttributes(real, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (before.isDirectory()) {
                throw refused("the " + name + " " + file + " is a directory");
            }
            if (!before.isRegularFile()) {
                throw refused("the " + name + " " + file + " is not a regular file");
            }
            byte[] bytes;
            try (SeekableByteChannel channel = Files.newByteChannel(real, StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS); InputStream in = Channels.newInputStream(channel)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
            PosixFileAttributes after = Files.readAttributes(real, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!Objects.equals(before.fileKey(), after.fileKey())) {
                throw refused("the " + name + " " + file + " was replaced while it was read");
            }
            if (bytes.length > MAX_BYTES) {
                throw refused("the " + name + " " + file + " is too large (more than " + MAX_BYTES / 1024 + " KiB)");
            }
            String token = new String(bytes, StandardCharsets.US_ASCII).strip();
            if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw refused("the " + name + " " + file + " does not hold one " + kind);
            }
            return new Content(token, readableByOthers(after));
        } catch (NoSuchFileException e) {
            throw refused("there is no " + name + " " + file);
        } catch (AccessDeniedException e) {
            throw refused("cannot read the " + name + " " + file + ": permission denied");
        } catch (IOException e) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "cannot read the " + name + " " + file + ": "
                    + DrsCalls.oneLine(e), e);
        }
    }

    private static boolean readableByOthers(PosixFileAttributes attributes) {
        return attributes.permissions().contains(PosixFilePermission.GROUP_READ)
                || attributes.permissions().contains(PosixFilePermission.OTHERS_READ);
    }

    private static DsregException refused(String message) {
        return new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, message);
    }
}
