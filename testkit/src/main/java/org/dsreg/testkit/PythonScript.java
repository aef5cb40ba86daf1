package org.dsreg.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Python 3 script kept as a test resource, run by the system's python3: the independent client or library a test
 * cross-checks against. A missing python3 or module fails the test with the Debian packages to install, never
 * skips it.
 *
 * @param python the python3 found on PATH
 * @param script the script, copied out of the class path
 */
public record PythonScript(Path python, Path script) {

    /**
     * Finds python3, checks that it imports {@code modules}, and copies {@code resource} (beside {@code anchor}'s
     * class) into {@code dir}.
     *
     * @param debianPackages the packages that provide the modules, for the failure message
     */
    public static PythonScript require(Class<?> anchor, String resource, Path dir, List<String> modules,
            String debianPackages) {
        Path python = ExternalTools.require("python3", "python3");
        ExternalTools.Result imports = ExternalTools.run(List.of(python.toString(), "-c",
                "import " + String.join(", ", modules)));
        if (imports.exitCode() != 0) {
            throw new AssertionError("Python modules " + modules + " are required by this test (apt-get install -y "
                    + debianPackages + "): " + imports.stderr());
        }
        Path script = dir.resolve(resource);
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no resource " + resource + " beside " + anchor.getName());
            }
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PythonScript(python, script);
    }

    /** Runs the script with {@code args} as {@link ExternalTools#run(List, byte[], Map, Path)} does. */
    public ExternalTools.Result run(List<String> args, byte[] stdin, Map<String, String> env, Path dir) {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(args);
        return ExternalTools.run(command, stdin, env, dir);
    }
}
