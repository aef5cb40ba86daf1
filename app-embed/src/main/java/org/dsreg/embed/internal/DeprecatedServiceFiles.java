package org.dsreg.embed.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dsreg.domain.Printable;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.KeyStorageProvider;

/**
 * Reads the key-storage service files of dsreg's first releases,
 * {@value #NAME}, by hand (the interface of that name is gone, so {@link java.util.ServiceLoader} cannot):
 * the same format, UTF-8, one class name a line, {@code #} to the end of a line a comment, blank lines
 * and surrounding blanks ignored. Every class listed must implement today's {@link KeyStorageProvider};
 * one that does not, or that cannot be found or loaded, is a {@link KeyStorageException} naming the file
 * and the class (which {@link KeyStorageProviders} turns into an unusable backend of its own).
 */
final class DeprecatedServiceFiles {
    /** The service file name of earlier versions (deprecated; still read). */
    static final String NAME = "META-INF/services/org.dsreg.port.out.KeyStorageProvider";

    private DeprecatedServiceFiles() {
    }

    /** A class a deprecated file lists, with the file (the first that lists it). */
    record Listed(String className, URL file) {
    }

    /** The classes the deprecated files on the class path list, first listed first, each once. */
    static List<Listed> listed(ClassLoader loader) {
        Map<String, URL> listed = new LinkedHashMap<>();
        for (URL file : files(loader)) {
            for (String name : classNames(file)) {
                listed.putIfAbsent(name, file);
            }
        }
        List<Listed> entries = new ArrayList<>();
        listed.forEach((name, file) -> entries.add(new Listed(name, file)));
        return entries;
    }

    /** The class names one file lists, in order. */
    static List<String> classNames(URL file) {
        List<String> names = new ArrayList<>();
        try (InputStream in = file.openStream();
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (!isClassName(name)) {
                    throw new KeyStorageException(file + " line " + number + ": '"
                            + Printable.of(name) + "' is not a class name");
                }
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new KeyStorageException(file + " cannot be read: " + e.getMessage(), e);
        }
        return names;
    }

    private static List<URL> files(ClassLoader loader) {
        try {
            return Collections.list(loader.getResources(NAME));
        } catch (IOException e) {
            throw new KeyStorageException("the key-storage service files (" + NAME + ") cannot be listed: "
                    + e.getMessage(), e);
        }
    }

    /** The provider class one entry names; a {@link KeyStorageException} saying why when there is none. */
    static Class<? extends KeyStorageProvider> load(ClassLoader loader, Listed entry) {
        String name = entry.className();
        URL file = entry.file();
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new KeyStorageException(file + " lists " + name + ", which is not on the class path", e);
        } catch (LinkageError e) {
            throw new KeyStorageException(file + " lists " + name + ", which cannot be loaded (it needs "
                    + e.getMessage() + "): a backend built against the key-storage SPI's old package"
                    + " org.dsreg.port.out must be rebuilt against org.dsreg.spi.keystorage"
                    + " (docs/key-storage-backends.md, Migration)", e);
        }
        if (!KeyStorageProvider.class.isAssignableFrom(type)) {
            throw new KeyStorageException(file + " lists " + name + ", which does not implement "
                    + KeyStorageProvider.class.getName());
        }
        return type.asSubclass(KeyStorageProvider.class);
    }

    /** A binary class name: Java identifiers joined by dots (as ServiceLoader checks). */
    private static boolean isClassName(String name) {
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.codePointAt(0))
                    || !part.codePoints().skip(1).allMatch(Character::isJavaIdentifierPart)) {
                return false;
            }
        }
        return true;
    }
}
