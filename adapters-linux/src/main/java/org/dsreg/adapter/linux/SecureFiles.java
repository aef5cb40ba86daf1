package org.dsreg.adapter.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reading files that are not dsreg's own (the Microsoft broker's certificates): bounded, and never
 * through a link at the last element. dsreg's own state goes through {@link org.dsreg.spi.state.StateTree}.
 */
final class SecureFiles {
    /** No certificate file comes near this size. */
    static final long MAX_STATE_FILE = 1 << 20;

    private SecureFiles() {
    }

    /** Reads a file's bytes, refusing to follow a symbolic link at the last path element. */
    static byte[] readNoFollow(Path file) throws IOException {
        try (var ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (size > MAX_STATE_FILE) {
                throw new IOException(file + " is too large (" + size + " bytes)");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading
            }
            return java.util.Arrays.copyOf(buf.array(), buf.position());
        }
    }
}
