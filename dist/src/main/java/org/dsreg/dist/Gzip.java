package org.dsreg.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip as {@code gzip -9n} writes it, for Debian policy's compressed documentation and man pages: the best
 * compression, flagged as such in the header (the "max compression" that {@code file} and lintian read), no file
 * name and no time (so the same text gives the same bytes), and Unix as the system.
 * {@link java.util.zip.GZIPOutputStream} flags neither the level nor the system.
 */
final class Gzip {
    private static final int MAX_COMPRESSION = 2;
    private static final int UNIX = 3;

    private Gzip() {
    }

    /** {@code data}, gzipped. */
    static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
        // magic, deflate, no flags, mtime 0 (4 bytes), extra flags, operating system
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, MAX_COMPRESSION, UNIX});
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
        } finally {
            deflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        writeInt(out, (int) crc.getValue());
        writeInt(out, data.length);
        return out.toByteArray();
    }

    /** Writes {@code data}, gzipped, to {@code file} (its directories made). */
    static void write(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, compress(data));
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
