package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a status with no bus and no registration loads, the run that sudo, servers and CI make:
 * none of the libraries only other actions need (HTTPS, the TPM, BouncyCastle), and no Jackson
 * mapper (there is no JSON to read or write). Each would add its first-use cost to every status.
 * A behaviour, not a time: docs/performance.md has the measurements.
 */
class StartupClassesIT {
    @TempDir
    Path dir;

    private List<String> loaded(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(PackagedCli.command(dir, dir.resolve("state"), List.of(args)));
        cmd.add(cmd.indexOf("-jar"), "-Xlog:class+load=info:file=" + dir.resolve("classes.log"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dsreg ended");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out")));
        return Files.readAllLines(dir.resolve("classes.log"), StandardCharsets.UTF_8).stream()
                .map(l -> l.replaceFirst("^.*\\] ", "").replaceFirst(" source: .*$", "")).toList();
    }

    private static void assertNone(List<String> classes, String prefix) {
        List<String> found = classes.stream().filter(c -> c.startsWith(prefix)).limit(3).toList();
        assertTrue(found.isEmpty(), prefix + "* loaded: " + found);
    }

    @Test
    void aNoBusStatusLoadsNoHttpsTpmCsrOrJsonMapper() throws Exception {
        List<String> classes = loaded("--status");
        assertTrue(classes.contains("org.dsreg.cli.Main"), "the log is read: " + classes.size());
        for (String prefix : List.of("okhttp3.", "okio.", "kotlin.", "com.sun.jna.", "org.bouncycastle.",
                "com.fasterxml.jackson.databind.ObjectMapper")) {
            assertNone(classes, prefix);
        }
    }
}
