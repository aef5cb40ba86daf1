package org.dsreg.testkit.tpm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dsreg.testkit.ExternalTools;

/**
 * tpm2-tools run against one TPM: {@code TPM2TOOLS_TCTI} set to its TCTI, in a working directory (relative
 * file names in the arguments are there). A missing tool fails the test. On a TPM without a resource
 * manager (swtpm), {@link #check} flushes the transient objects the tool left loaded, so that the next tool
 * (or the code under test) finds room.
 */
public final class Tpm2Tools {
    private final String tcti;
    private final Path workDir;

    public Tpm2Tools(String tcti, Path workDir) {
        this.tcti = tcti;
        this.workDir = workDir;
    }

    public String tcti() {
        return tcti;
    }

    public Path workDir() {
        return workDir;
    }

    /** Runs {@code tool args...} and returns how it ended. */
    public ExternalTools.Result run(String tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ExternalTools.require(tool, "tpm2-tools").toString());
        command.addAll(List.of(args));
        return run(command, Map.of("TPM2TOOLS_TCTI", tcti, "TSS2_LOG", "all+ERROR"), workDir);
    }

    /**
     * Runs {@code tool args...}, fails the test unless it exits 0, then flushes the transient objects (as
     * {@code tpm2_flushcontext -t}); returns its standard output.
     */
    public String check(String tool, String... args) {
        ExternalTools.Result r = run(tool, args);
        if (r.exitCode() != 0) {
            throw new AssertionError(tool + " " + String.join(" ", args) + " failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        flushTransient();
        return r.stdout();
    }

    /** {@code tpm2_flushcontext -t}: unloads every transient object. */
    public void flushTransient() {
        ExternalTools.Result r = run("tpm2_flushcontext", "-t");
        if (r.exitCode() != 0) {
            throw new AssertionError("tpm2_flushcontext -t failed: " + r.stderr().strip());
        }
    }

    /**
     * Runs a command to completion (at most 60 s) in {@code dir} with extra environment variables, no
     * standard input.
     */
    public static ExternalTools.Result run(List<String> command, Map<String, String> env, Path dir) {
        return ExternalTools.run(command, null, env, dir);
    }
}
