package org.dsreg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's test command, {@code tools/test}, on a machine that lacks packages: the other side (dpkg's database,
 * the user id, Maven) answered by stubs on the PATH, the script itself real. Its plan names exactly what is
 * missing; as a user it prints the one install line and stops; with nothing missing it runs the suite.
 */
class NewcomerTestCommandTest {
    private static final Path SCRIPT = Path.of("..", "tools", "test").toAbsolutePath().normalize();
    private static final Path PACKAGES = Path.of("..", "tools", "test-packages");

    @TempDir
    Path bin;

    private record Run(int code, String out, String err) {
    }

    private void stub(String name, String body) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** dpkg-query answering "installed" for all but {@code missing}. */
    private void dpkg(String... missing) throws IOException {
        StringBuilder b = new StringBuilder("for p; do :; done\ncase \"$p\" in\n");
        for (String m : missing) {
            b.append("  ").append(m).append(") echo not-installed; exit 1 ;;\n");
        }
        b.append("esac\necho installed");
        stub("dpkg-query", b.toString());
    }

    private Run run(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + env.get("PATH"));
        Path out = bin.resolve("out");
        Path err = bin.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        int code = p.waitFor();
        return new Run(code, Files.readString(out), Files.readString(err));
    }

    static List<String> listedPackages() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(PACKAGES)) {
            String l = line.replaceFirst("#.*", "").trim();
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void thePlanNamesWhatIsMissing() throws Exception {
        dpkg("swtpm", "tpm2-tools", "libtss2-esys-3.0.2-0", "libtss2-tctildr0", "libtss2-tcti-swtpm0", "libtss2-mu0");
        Run r = run("--plan");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("missing: swtpm tpm2-tools libtss2-esys-3.0.2-0 libtss2-tctildr0"
                + " libtss2-tcti-swtpm0 libtss2-mu0\n"), r.out());
        assertTrue(r.out().contains("would run: apt-get update && apt-get install -y --no-install-recommends"
                + " --no-upgrade swtpm tpm2-tools libtss2-esys-3.0.2-0 libtss2-tctildr0 libtss2-tcti-swtpm0"
                + " libtss2-mu0\n"), r.out());
    }

    @Test
    void aUserIsToldTheOneLineToRun() throws Exception {
        dpkg("swtpm", "rpm");
        stub("id", "echo 1000");
        stub("mvn", "echo mvn ran; exit 9");
        Run r = run();
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("  sudo apt-get update && sudo apt-get install -y --no-install-recommends"
                + " --no-upgrade swtpm rpm\n"), r.err());
        assertTrue(!r.out().contains("mvn ran"), "the suite must not run without its packages");
    }

    @Test
    void withEverythingInstalledItRunsTheSuiteAndInstallsNothing() throws Exception {
        dpkg();
        stub("id", "echo 1000");
        stub("apt-get", "echo apt-get ran; exit 9");
        stub("mvn", "echo \"mvn $*\"; read line && echo read-input; exit 0");
        Run r = run("-pl", "domain");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("mvn -B verify -pl domain\n", r.out(), "runs mvn -B verify, with no input");
        assertEquals(run("--plan").out(), "tools/test: every package the tests need is installed\n");
    }

    @Test
    void theListIsTheOnePlaceAndReadmePointsToIt() throws IOException {
        List<String> packages = listedPackages();
        assertTrue(packages.containsAll(List.of("swtpm", "tpm2-tools", "dbus-daemon", "openssl",
                "libtss2-esys-3.0.2-0")), packages.toString());
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("tools/test-packages"), "README names the list");
        String ci = Files.readString(Path.of("..", ".ci", "run"));
        assertTrue(ci.lines().anyMatch(l -> l.trim().equals("tools/test")), ".ci/run runs tools/test");
        List<String> installs = ci.lines().filter(l -> l.contains("apt-get install")).toList();
        for (String p : packages) {
            for (String line : installs) {
                assertTrue(!List.of(line.trim().split("\\s+")).contains(p),
                        ".ci/run installs " + p + " itself: the list lives in tools/test-packages only");
            }
        }
    }
}
