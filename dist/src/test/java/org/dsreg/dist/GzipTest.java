package org.dsreg.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipTest {
    @TempDir
    Path dir;

    private static final byte[] TEXT = ".TH DSREG 1\n.SH NAME\ndsreg \\- device registration\n".repeat(200)
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void headerSaysMaxCompressionUnixNoNameNoTime() {
        byte[] gz = Gzip.compress(TEXT);
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3}, java.util.Arrays.copyOf(gz, 10),
                "gzip -9n's header: deflate, no flags, time 0, XFL 2 (what file(1) calls max compression), Unix");
    }

    @Test
    void javasGzipReadsItBack() throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Gzip.compress(TEXT)))) {
            assertArrayEquals(TEXT, in.readAllBytes());
        }
    }

    @Test
    void theSameTextGivesTheSameBytes() throws IOException {
        Gzip.write(dir.resolve("a/x.gz"), TEXT);
        Gzip.write(dir.resolve("b/x.gz"), TEXT);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/x.gz")), Files.readAllBytes(dir.resolve("b/x.gz")));
    }

    @Test
    void gzipItselfAcceptsIt() throws Exception {
        Path file = dir.resolve("page.1.gz");
        Gzip.write(file, TEXT);
        Process p = new ProcessBuilder("gzip", "-t", "-v", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("OK"), out);
    }
}
