package org.dsreg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DEP-5 copyright file from a small local repository: licenses through parents, holders, refusals. */
class CopyrightTest {
    @TempDir
    Path dir;
    Path repo;
    Path lib;
    PomLicenses poms;

    @BeforeEach
    void layout() throws IOException {
        repo = dir.resolve("repo");
        lib = dir.resolve("lib");
        Files.createDirectories(lib);
        poms = new PomLicenses(repo);
    }

    private void pom(String g, String a, String v, String body) throws IOException {
        Path p = poms.pom(g, a, v);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "<project><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId><version>" + v
                + "</version>" + body + "</project>", StandardCharsets.UTF_8);
    }

    private void jar(String name, Map<String, String> files) throws IOException {
        try (OutputStream f = Files.newOutputStream(lib.resolve(name)); JarOutputStream out = new JarOutputStream(f)) {
            for (var e : files.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    private String render(Copyright.Dependency... deps) throws IOException {
        return Copyright.render(lib, "usr/share/dsreg/lib/", List.of(deps), poms, "Apache-2.0", "2026 dsreg developers");
    }

    @Test
    void licenseFromTheParentHolderFromTheNotice() throws IOException {
        pom("org.ex", "parent", "1", "<licenses><license><name>The MIT License</name></license></licenses>");
        pom("org.ex", "lib", "2", "<name>Ex</name><parent><groupId>org.ex</groupId><artifactId>parent</artifactId>"
                + "<version>1</version></parent>");
        jar("lib-2.jar", Map.of("META-INF/NOTICE", "Ex\nCopyright (c) 2019-2024 Example Ltd.\n",
                "META-INF/LICENSE", "Copyright [yyyy] [name of copyright owner]\n"));
        jar("dsreg-domain-0.1.jar", Map.of());
        String out = render(new Copyright.Dependency("org.ex", "lib", "2"));
        assertTrue(out.startsWith("Format: " + Copyright.FORMAT + "\n"), out);
        assertTrue(out.contains("\nFiles: *\nCopyright: 2026 dsreg developers\nLicense: Apache-2.0\n"), out);
        assertTrue(out.contains("\nFiles: usr/share/dsreg/lib/lib-2.jar\nCopyright: 2019-2024 Example Ltd.\n"
                + "License: Expat\nComment: org.ex:lib:2 (Ex)\n"), out);
        assertTrue(out.contains("\nLicense: Expat\n Permission is hereby granted"), out);
        assertTrue(out.contains("\nLicense: Apache-2.0\n Licensed under"), out);
        assertTrue(!out.contains("dsreg-domain"), "dsreg's own jars are under Files: *");
    }

    @Test
    void twoLicensesAreAlternativesAndTheOrganisationIsTheFallbackHolder() throws IOException {
        pom("net.ex", "dual", "5", "<organization><name>Ex Org</name></organization><licenses>"
                + "<license><name>LGPL-2.1-or-later</name></license>"
                + "<license><url>https://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses>");
        jar("dual-5.jar", Map.of("Foo.class", "x"));
        String out = render(new Copyright.Dependency("net.ex", "dual", "5"));
        assertTrue(out.contains("Copyright: Ex Org\nLicense: LGPL-2.1+ or Apache-2.0\n"), out);
        assertTrue(out.contains("\nLicense: LGPL-2.1+\n"), out);
    }

    @Test
    void anUnknownLicenseFailsTheBuild() throws IOException {
        pom("org.ex", "odd", "1", "<developers><developer><name>Ann</name></developer></developers>"
                + "<licenses><license><name>Some Custom License</name></license></licenses>");
        jar("odd-1.jar", Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> render(new Copyright.Dependency("org.ex", "odd", "1")));
        assertTrue(e.getMessage().contains("org.ex:odd:1") && e.getMessage().contains("Some Custom License"),
                e.getMessage());
    }

    @Test
    void onlyExplicitNamesAreKnown() {
        assertEquals(java.util.Optional.empty(), LicenseTexts.shortName(new PomLicenses.License(
                "GNU Lesser General Public License, version 2.1", "https://www.gnu.org/licenses/lgpl-2.1.html")),
                "LGPL 2.1 only is not LGPL-2.1+");
        assertEquals(java.util.Optional.empty(), LicenseTexts.shortName(new PomLicenses.License(
                "Apache Software License 1.1 (2002)", "")));
        assertEquals(java.util.Optional.of("LGPL-2.1+"), LicenseTexts.shortName(new PomLicenses.License(
                "GNU Lesser General Public License v2.1 or later", "")));
        assertEquals(java.util.Optional.of("Apache-2.0"), LicenseTexts.shortName(new PomLicenses.License(
                "The Apache Software License, Version 2.0", "")));
    }

    @Test
    void noLicenseFailsTheBuild() throws IOException {
        pom("org.ex", "none", "1", "<organization><name>X</name></organization>");
        jar("none-1.jar", Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> render(new Copyright.Dependency("org.ex", "none", "1")));
        assertTrue(e.getMessage().contains("declares no license"), e.getMessage());
    }

    @Test
    void aJarOutsideTheDependencySetFailsTheBuild() throws IOException {
        jar("stray-1.jar", Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, this::render);
        assertTrue(e.getMessage().contains("stray-1.jar is not in the Maven dependency set"), e.getMessage());
    }

    @Test
    void noHolderAnywhereFailsTheBuild() throws IOException {
        pom("org.ex", "anon", "1", "<licenses><license><name>MIT</name></license></licenses>");
        jar("anon-1.jar", Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> render(new Copyright.Dependency("org.ex", "anon", "1")));
        assertTrue(e.getMessage().contains("no copyright holder"), e.getMessage());
    }

    @Test
    void developersWhenNothingElseAndAMissingPomFails() throws IOException {
        pom("org.ex", "dev", "1", "<developers><developer><name>Ann</name></developer><developer><name>Bo</name>"
                + "</developer></developers><licenses><license><name>MIT License</name></license></licenses>");
        jar("dev-1.jar", Map.of());
        assertTrue(render(new Copyright.Dependency("org.ex", "dev", "1")).contains("Copyright: Ann, Bo\n"));
        jar("gone-1.jar", Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> render(
                new Copyright.Dependency("org.ex", "dev", "1"), new Copyright.Dependency("org.ex", "gone", "1")));
        assertTrue(e.getMessage().contains("is not in the local repository"), e.getMessage());
    }

    @Test
    void theDependencyListIsReadLeavingOutDsregsOwn() throws IOException {
        Path list = dir.resolve("deps.txt");
        Files.writeString(list, "\nThe following files have been resolved:\n"
                + "   org.ex:lib:jar:2:runtime -- module lib [auto]\n   org.dsreg:dsreg-domain:jar:0.1:compile\n"
                + "   org.ex:pom-only:pom:3:runtime\n");
        assertEquals(List.of(new Copyright.Dependency("org.ex", "lib", "2")), Copyright.dependencies(list, "org.dsreg"));
    }
}
