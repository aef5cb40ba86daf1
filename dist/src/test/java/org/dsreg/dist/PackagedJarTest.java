package org.dsreg.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackagedJarTest {
    @TempDir
    Path dir;

    private Path jar(Path file) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.dsreg.cli.Main");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/a-1.jar lib/b-2.jar");
        try (OutputStream f = Files.newOutputStream(file); JarOutputStream out = new JarOutputStream(f, m)) {
            out.putNextEntry(new JarEntry("org/dsreg/cli/Main.class"));
            out.write(new byte[] {1, 2, 3});
            out.closeEntry();
        }
        return file;
    }

    @Test
    void classPathBecomesAbsoluteAndTheRestStays() throws IOException {
        Path jar = jar(dir.resolve("dsreg.jar"));
        FileTime time = FileTime.from(Instant.parse("2026-12-01T00:00:00Z"));
        PackagedJar.makeClassPathAbsolute(jar, time);
        assertEquals(List.of("/usr/share/dsreg/lib/a-1.jar", "/usr/share/dsreg/lib/b-2.jar"), PackagedJar.classPath(jar));
        try (JarFile f = new JarFile(jar.toFile())) {
            assertEquals("org.dsreg.cli.Main", f.getManifest().getMainAttributes().getValue("Main-Class"));
            JarEntry main = f.getJarEntry("org/dsreg/cli/Main.class");
            assertArrayEquals(new byte[] {1, 2, 3}, f.getInputStream(main).readAllBytes());
            assertEquals(time.toInstant(), main.getLastModifiedTime().toInstant());
        }
        PackagedJar.makeClassPathAbsolute(jar, time); // again: already absolute, unchanged
        assertEquals(List.of("/usr/share/dsreg/lib/a-1.jar", "/usr/share/dsreg/lib/b-2.jar"), PackagedJar.classPath(jar));
    }

    @Test
    void theSameJarGivesTheSameBytes() throws IOException {
        FileTime time = FileTime.from(Instant.parse("2026-12-01T00:00:00Z"));
        Path a = jar(dir.resolve("a.jar"));
        Path b = jar(dir.resolve("b.jar"));
        PackagedJar.makeClassPathAbsolute(a, time);
        PackagedJar.makeClassPathAbsolute(b, time);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }
}
