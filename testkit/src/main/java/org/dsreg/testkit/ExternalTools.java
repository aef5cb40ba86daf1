package org.dsreg.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Real tools the tests cross-check against (openssl, dbus-daemon, swtpm, tpm2-tools). A missing
 * tool fails the test with the package to install: it is never a silent skip.
 */
public final class ExternalTools {
    /** The proxy variables curl and dsreg read: cleared for every process a test starts, then set as it says. */
    public static final List<String> PROXY_VARIABLES = List.of("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
            "no_proxy", "NO_PROXY", "http_proxy", "HTTP_PROXY");

    private ExternalTools() {
    }

    /** Removes the developer's proxy variables from a child's environment, so that no test goes through them. */
    public static void clearProxyVariables(java.util.Map<String, String> environment) {
        PROXY_VARIABLES.forEach(environment::remove);
    }

    /** The tool's path on PATH; fails the calling test when it is not installed. */
    public static Path require(String tool, String debianPackage) {
        return find(tool).orElseThrow(() -> new AssertionError(tool + " is required by this test but not on PATH"
                + " (apt-get install -y " + debianPackage + ")"));
    }

    public static Optional<Path> find(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The result of a finished process. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command to completion (at most 60 s), with no standard input. */
    public static Result run(List<String> command) {
        return run(command, null);
    }

    /** Runs a command to completion (at most 60 s), feeding {@code stdin} when not null. */
    public static Result run(List<String> command, byte[] stdin) {
        return run(command, stdin, java.util.Map.of(), null);
    }

    /**
     * Runs a command to completion (at most 60 s) with extra environment variables (the developer's proxy
     * variables cleared first), in {@code dir}
     * (or the current directory when null), feeding {@code stdin} when not null.
     */
    public static Result run(List<String> command, byte[] stdin, java.util.Map<String, String> env, Path dir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(stdin == null
                    ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null")) : ProcessBuilder.Redirect.PIPE);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            clearProxyVariables(pb.environment());
            pb.environment().putAll(env);
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        }
    }

    /** Stops a process: SIGTERM, then SIGKILL when it has not exited after {@code grace}; waits for it. */
    public static void stop(Process process, java.time.Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
