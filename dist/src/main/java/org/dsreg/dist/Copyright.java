package org.dsreg.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packages' {@code copyright} file in the machine-readable format (DEP-5), made at build time from the Maven
 * dependency set, so that it cannot drift from what {@code lib/} holds: a Files paragraph per jar with its license
 * (from its POM, or its parents') and its holders (the copyright lines of the jar's own license and notice files,
 * else its POM's organisation, else its developers), then a License paragraph per license named. A jar whose
 * license is unknown or missing, or that is not in the dependency set, fails the build.
 */
final class Copyright {
    static final String FORMAT = "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/";
    private static final Pattern HOLDER = Pattern.compile(
            "^\\s*copyright\\s*(?:\\(c\\)|©)?\\s*((?:19|20)\\d\\d.*)$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_HOLDER_LINES = 8;
    /**
     * Holders of jars that name none in their jar or POM, read from their sources: javax.inject 1's every file says
     * "Copyright (C) 2009 The JSR-330 Expert Group".
     */
    static final Map<String, String> READ_FROM_SOURCES = Map.of("javax.inject:javax.inject",
            "2009 The JSR-330 Expert Group");

    /** A runtime dependency: Maven coordinates and the jar's name in {@code lib/}. */
    record Dependency(String groupId, String artifactId, String version) {
        String jarName() {
            return artifactId + "-" + version + ".jar";
        }
    }

    private Copyright() {
    }

    /**
     * The dependencies of a {@code dependency:list} output file ({@code group:artifact:jar:version:scope} lines),
     * those of {@code ownGroup} (dsreg's modules, under its own paragraph) left out.
     */
    static List<Dependency> dependencies(Path listFile, String ownGroup) throws IOException {
        List<Dependency> out = new ArrayList<>();
        for (String line : Files.readAllLines(listFile, StandardCharsets.UTF_8)) {
            String[] f = line.trim().split(" ", 2)[0].split(":");
            if (f.length >= 5 && "jar".equals(f[2]) && !f[0].equals(ownGroup)) {
                out.add(new Dependency(f[0], f[1], f[3]));
            }
        }
        return out;
    }

    /**
     * The copyright file for the jars in {@code lib} ({@code libPath} is where they are installed), dsreg's own
     * files being {@code license} with {@code holder}.
     */
    static String render(Path lib, String libPath, List<Dependency> dependencies, PomLicenses poms, String license,
                         String holder) throws IOException {
        Map<String, Dependency> byJar = new TreeMap<>();
        dependencies.forEach(d -> byJar.put(d.jarName(), d));
        Set<String> jars = new TreeSet<>();
        try (var files = Files.list(lib)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).forEach(jars::add);
        }
        Set<String> licenses = new LinkedHashSet<>(List.of(license));
        StringBuilder out = new StringBuilder()
                .append("Format: ").append(FORMAT).append('\n')
                .append("Upstream-Name: dsreg\n")
                .append("Comment: Generated at build time from the Maven dependency set (dsreg's dist module).\n")
                .append('\n')
                .append("Files: *\n")
                .append("Copyright: ").append(holder).append('\n')
                .append("License: ").append(license).append('\n');
        for (String jar : jars) {
            if (jar.startsWith("dsreg-")) {
                continue; // dsreg's own modules: Files: *
            }
            Dependency d = byJar.get(jar);
            if (d == null) {
                throw new IllegalStateException(lib.resolve(jar) + " is not in the Maven dependency set");
            }
            PomLicenses.Declared declared = poms.read(d.groupId(), d.artifactId(), d.version());
            String field = LicenseTexts.field(declared.coordinates(), declared.licenses());
            licenses.addAll(List.of(field.split(" or ")));
            List<String> holders = holders(lib.resolve(jar), declared);
            out.append('\n').append("Files: ").append(libPath).append(jar).append('\n')
                    .append("Copyright: ").append(String.join("\n ", holders)).append('\n')
                    .append("License: ").append(field).append('\n')
                    .append("Comment: ").append(declared.coordinates()).append(" (").append(declared.name())
                    .append(")\n");
        }
        for (String l : licenses) {
            out.append('\n').append(LicenseTexts.paragraph(l));
        }
        return out.toString();
    }

    /** The copyright lines of the jar's license and notice files, else its POM's organisation or developers. */
    static List<String> holders(Path jar, PomLicenses.Declared declared) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                String base = entry.getName().replaceFirst("^META-INF/", "").toUpperCase(Locale.ROOT);
                if (entry.isDirectory() || base.contains("/") || !(base.startsWith("LICENSE")
                        || base.startsWith("NOTICE") || base.startsWith("COPYING"))) {
                    continue;
                }
                try (BufferedReader r = new BufferedReader(new InputStreamReader(file.getInputStream(entry),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        Matcher m = HOLDER.matcher(line);
                        if (m.matches() && lines.size() < MAX_HOLDER_LINES) {
                            lines.add(m.group(1).trim().replaceAll("\\s+", " "));
                        }
                    }
                }
            }
        }
        if (!lines.isEmpty()) {
            return List.copyOf(lines);
        }
        String ga = declared.coordinates().substring(0, declared.coordinates().lastIndexOf(':'));
        if (READ_FROM_SOURCES.containsKey(ga)) {
            return List.of(READ_FROM_SOURCES.get(ga));
        }
        if (declared.organization().isPresent()) {
            return List.of(declared.organization().get());
        }
        if (!declared.developers().isEmpty()) {
            return List.of(String.join(", ", declared.developers()));
        }
        throw new IllegalStateException(declared.coordinates() + ": no copyright holder in the jar's license or"
                + " notice files, nor an organisation or developers in its POM");
    }
}
