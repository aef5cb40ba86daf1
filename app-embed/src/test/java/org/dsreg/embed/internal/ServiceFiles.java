package org.dsreg.embed.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Class-path directories holding service files, and a class loader over them below the test's own. */
final class ServiceFiles {
    static final String CURRENT = "META-INF/services/org.dsreg.spi.keystorage.KeyStorageProvider";
    static final String DEPRECATED = "META-INF/services/org.dsreg.port.out.KeyStorageProvider";

    private ServiceFiles() {
    }

    /** Writes {@code text} (UTF-8) as the service file {@code name} in the class-path directory {@code dir}. */
    static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loader that sees these directories, in this order, after the test class path. */
    static URLClassLoader loader(Path... dirs) {
        URL[] urls = new URL[dirs.length];
        for (int i = 0; i < dirs.length; i++) {
            try {
                urls[i] = dirs[i].toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new URLClassLoader(urls, ServiceFiles.class.getClassLoader());
    }
}
