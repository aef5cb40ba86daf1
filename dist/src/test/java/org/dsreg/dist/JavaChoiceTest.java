package org.dsreg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Java the package's launcher runs: {@code java-select}'s reading of a Java home's
 * {@code release} file and its choice of the newest Java 25 or later, and the launcher's refusal
 * of a {@code DSREG_JAVA_HOME} that names no Java. Run with {@code /bin/sh}, as the package does.
 */
class JavaChoiceTest {
    private static final Path SELECT = Path.of("src/deb/usr/share/dsreg/java-select");
    private static final Path LAUNCHER = Path.of("src/deb/usr/bin/dsreg");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run sh(List<String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("env", "-i", "PATH=/usr/bin:/bin"));
        cmd.addAll(env);
        cmd.add("/bin/sh");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sh did not end");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("out")).strip(),
                Files.readString(dir.resolve("err")).strip());
    }

    private String select(String call) throws Exception {
        return sh(List.of(), "-c", ". " + SELECT.toAbsolutePath() + "; " + call).out();
    }

    /** A Java home under {@code jvm/NAME} with a release file saying {@code version} (none when null). */
    private Path home(String name, String version, boolean withJava) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jvm").resolve(name));
        if (version != null) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"" + version
                    + "\"\nOS_NAME=\"Linux\"\n", StandardCharsets.UTF_8);
        }
        if (withJava) {
            Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
            Files.writeString(java, "#!/bin/sh\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    @Test
    void theFeatureVersionIsReadFromTheReleaseFile() throws Exception {
        assertEquals("25", select("java_major " + home("t25", "25.0.3", true) + "; echo $java_major"));
        assertEquals("17", select("java_major " + home("o17", "17.0.15", true) + "; echo $java_major"));
        assertEquals("26", select("java_major " + home("ea", "26-ea", true) + "; echo $java_major"));
        assertEquals("1", select("java_major " + home("o8", "1.8.0_392", true) + "; echo $java_major"));
        assertEquals("0", select("java_major " + home("none", null, true) + "; echo $java_major"));
    }

    @Test
    void theNewestJava25OrLaterWithAJavaIsChosenLinksPassedOver() throws Exception {
        home("java-17", "17.0.15", true);
        home("temurin-25", "25.0.3", true);
        Path newest = home("temurin-26", "26.0.1", true);
        home("broken-27", "27", false); // no bin/java
        Files.createSymbolicLink(dir.resolve("jvm/default-28"), home("elsewhere/real-28", "28", true));
        assertEquals(newest.toString(), select("newest_java " + dir.resolve("jvm") + " 25; echo $newest_java"));
    }

    @Test
    void noJava25OrLaterChoosesNone() throws Exception {
        home("java-17", "17.0.15", true);
        home("java-21", "21.0.5", true);
        assertEquals("[]", select("newest_java " + dir.resolve("jvm") + " 25; echo \"[$newest_java]\""));
    }

    @Test
    void aDsregJavaHomeThatNamesNoJavaIsRefusedExit3() throws Exception {
        Path nothing = dir.resolve("no-java");
        Run r = sh(List.of("DSREG_JAVA_HOME=" + nothing), LAUNCHER.toAbsolutePath().toString(), "--version");
        assertEquals(3, r.code());
        assertEquals("dsreg: DSREG_JAVA_HOME names no Java: " + nothing + "/bin/java is not there", r.err());
        assertEquals("", r.out());
    }
}
