package org.dsreg.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The packaged {@code dsreg.jar}: the development jar with its manifest's {@code Class-Path} made absolute
 * ({@code lib/x.jar} becomes {@code /usr/share/dsreg/lib/x.jar}, as Debian's Java policy asks of a jar installed in
 * {@code /usr/share}); every other entry copied as it is, in the same order, with the build's fixed time.
 */
final class PackagedJar {
    static final String HOME = "/usr/share/dsreg/";

    private PackagedJar() {
    }

    /** The manifest's class path entries (as written in the jar at {@code jar}). */
    static List<String> classPath(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                throw new IllegalStateException(jar + " has no Class-Path in its manifest");
            }
            return List.of(classPath.trim().split("\\s+"));
        }
    }

    /** Rewrites {@code jar} in place with an absolute class path under {@link #HOME}, entries dated {@code time}. */
    static void makeClassPathAbsolute(Path jar, FileTime time) throws IOException {
        List<String> absolute = new ArrayList<>();
        for (String entry : classPath(jar)) {
            absolute.add(entry.startsWith("/") ? entry : HOME + entry);
        }
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", absolute));
            try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file)) {
                JarEntry meta = new JarEntry("META-INF/");
                meta.setLastModifiedTime(time);
                out.putNextEntry(meta);
                out.closeEntry();
                JarEntry mf = new JarEntry(JarFile.MANIFEST_NAME);
                mf.setLastModifiedTime(time);
                out.putNextEntry(mf);
                manifest.write(out);
                out.closeEntry();
                for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements();) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().equals("META-INF/") || entry.getName().equals(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    JarEntry copy = new JarEntry(entry.getName());
                    copy.setLastModifiedTime(time);
                    out.putNextEntry(copy);
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
