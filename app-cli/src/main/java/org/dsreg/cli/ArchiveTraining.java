package org.dsreg.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the ahead-of-time cache a Java 25 or newer runtime starts dsreg from (JEP 483,
 * 514, 515); not a dsreg command. The package's {@code make-archive} and the source launcher run
 * <pre>java -XX:AOTCacheOutput=dsreg.aot -cp dsreg.jar org.dsreg.cli.ArchiveTraining [CLASSLIST]</pre>
 * It loads each class the build's class list names (the classes the build saw dsreg load), then
 * runs the commands whose start matters in this JVM, with no bus to ask and a state directory that
 * does not exist, so that the cache holds their classes and their profiles. It prints nothing.
 */
public final class ArchiveTraining {
    /** What is run, as the build's class list is trained: the status (at a terminal and not), help, version. */
    static final List<List<String>> COMMANDS = List.of(
            List.of("--status"), List.of("--status", "--json"), List.of("--help"), List.of("--version"));

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 1) {
            throw new IllegalArgumentException("usage: ArchiveTraining [CLASSLIST]");
        }
        if (args.length == 1) {
            load(Path.of(args[0]), ArchiveTraining.class.getClassLoader());
        }
        Path scratch = Files.createTempDirectory("dsreg-training");
        try {
            run(scratch.resolve("no-state"));
        } finally {
            delete(scratch);
        }
    }

    /**
     * Loads, without initialising, each class a CDS class list names ({@code a/b/C id: 1 ...}); skips
     * the {@code @} lines (lambda forms and the like, which the runs below make again) and the classes
     * this class path does not have (a list older than the jar). Returns how many were loaded.
     */
    static int load(Path classList, ClassLoader loader) throws IOException {
        int loaded = 0;
        for (String line : Files.readAllLines(classList, StandardCharsets.UTF_8)) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("@") || entry.startsWith("#")) {
                continue;
            }
            String name = entry.split("\\s", 2)[0].replace('/', '.');
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // not on this class path, or not loadable by name (a hidden class): the cache goes without it
            }
        }
        return loaded;
    }

    /**
     * Runs each of {@link #COMMANDS} through {@link Cli#run}, output discarded, no bus (both addresses
     * name a socket that does not exist) and {@code state} as the state directory; {@code --status}
     * also as at a terminal. Returns the exit codes, in order.
     */
    static List<Integer> run(Path state) {
        Map<String, String> env = Map.of(
                "DBUS_SESSION_BUS_ADDRESS", "unix:path=" + state.resolveSibling("no-session-bus"),
                "DBUS_SYSTEM_BUS_ADDRESS", "unix:path=" + state.resolveSibling("no-system-bus"),
                "DSREG_STATE_DIR", state.toString());
        List<Integer> codes = new ArrayList<>();
        for (List<String> command : COMMANDS) {
            codes.add(run(command, env, false));
        }
        codes.add(run(COMMANDS.get(0), env, true));
        return codes;
    }

    private static int run(List<String> command, Map<String, String> env, boolean terminal) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        return Cli.run(command.toArray(String[]::new), env, terminal, discard, discard);
    }

    /** Removes the scratch directory this run made, and whatever a command left in it (no link is followed). */
    private static void delete(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
