package org.dsreg.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.dsreg.cli.Cli;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Completes the package's file tree, run by the build (prepare-package) once Maven has copied the
 * CLI and its libraries into {@code STAGE/usr/share/dsreg}:
 * <ol>
 * <li>checks that {@code lib/} holds exactly what the manifest's {@code Class-Path} names;</li>
 * <li>writes {@code dsreg(1)} and the bash completion, both from the live picocli model;</li>
 * <li>records the classes that {@code dsreg --status} (text and JSON), {@code --help} and
 *     {@code --version} load, as a CDS class list, from which the package's postinst makes the
 *     class-data archive for the Java installed on the target machine.</li>
 * </ol>
 * Usage: {@code Stage STAGE VERSION DATE JVM_OPTIONS WORK}
 */
public final class Stage {
    /** What the class list is trained on: the commands whose start-up time matters. */
    static final List<List<String>> TRAINING = List.of(
            List.of("--status"), List.of("--status", "--json"), List.of("--help"), List.of("--version"));

    private Stage() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: Stage STAGE VERSION DATE JVM_OPTIONS WORK");
        }
        Path stage = Path.of(args[0]);
        String version = args[1];
        String date = args[2];
        Path jvmOptions = Path.of(args[3]);
        Path work = Path.of(args[4]);
        Path home = stage.resolve("usr/share/dsreg");

        checkLibraries(home);
        writeManPage(stage.resolve("usr/share/man/man1/dsreg.1.gz"), version, date);
        writeCompletion(stage.resolve("usr/share/bash-completion/completions/dsreg"));
        writeClassList(home, jvmOptions, work, home.resolve("dsreg.classlist"));
    }

    /** lib/ must hold exactly the jars dsreg.jar's manifest puts on the class path. */
    static void checkLibraries(Path home) throws IOException {
        Set<String> named = new TreeSet<>();
        try (JarFile jar = new JarFile(home.resolve("dsreg.jar").toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                throw new IllegalStateException(home.resolve("dsreg.jar") + " has no Class-Path in its manifest");
            }
            for (String entry : classPath.trim().split("\\s+")) {
                named.add(entry);
            }
        }
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(home.resolve("lib"))) {
            files.forEach(f -> present.add("lib/" + f.getFileName()));
        }
        if (!named.equals(present)) {
            Set<String> missing = new TreeSet<>(named);
            missing.removeAll(present);
            Set<String> extra = new TreeSet<>(present);
            extra.removeAll(named);
            throw new IllegalStateException("lib/ does not match dsreg.jar's Class-Path: missing " + missing
                    + ", not on the class path " + extra);
        }
    }

    static void writeManPage(Path file, String version, String date) throws IOException {
        String page = ManPage.render(Cli.commandLine().getCommandSpec(), version, date);
        Files.createDirectories(file.getParent());
        // GZIPOutputStream writes no file name and a zero time: the same page gives the same bytes
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(page.getBytes(StandardCharsets.UTF_8));
        }
    }

    static void writeCompletion(Path file) throws IOException {
        CommandLine commandLine = Cli.commandLine();
        String script = AutoComplete.bash(commandLine.getCommandName(), commandLine);
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(script);
        }
    }

    /**
     * Runs each training command as its own JVM with the launcher's options, no bus to ask (so no
     * broker is asked and nothing waits), and a state directory that does not exist; merges the
     * class lists they dump, in first-seen order.
     */
    static void writeClassList(Path home, Path jvmOptions, Path work, Path classList) throws IOException,
            InterruptedException {
        Files.createDirectories(work);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Set<String> merged = new LinkedHashSet<>();
        int n = 0;
        for (List<String> command : TRAINING) {
            Path list = work.resolve("training-" + n + ".classlist");
            Path log = work.resolve("training-" + n + ".log");
            n++;
            Files.deleteIfExists(list);
            List<String> argv = new ArrayList<>(List.of(java, "@" + jvmOptions.toAbsolutePath(),
                    "-XX:DumpLoadedClassList=" + list.toAbsolutePath(),
                    "-jar", home.resolve("dsreg.jar").toAbsolutePath().toString()));
            argv.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
            env.put("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent");
            env.put("DSREG_STATE_DIR", work.resolve("no-state").toAbsolutePath().toString());
            env.remove("DSREG_ROOT");
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("dsreg " + String.join(" ", command) + " did not end in 120 s; see " + log);
            }
            // --status may exit 2 on a build machine where a broker is installed but has no bus here
            if (p.exitValue() != 0 && p.exitValue() != 2) {
                throw new IllegalStateException("dsreg " + String.join(" ", command) + " exited " + p.exitValue()
                        + ": " + Files.readString(log));
            }
            for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                if (keep(line)) {
                    merged.add(line);
                }
            }
        }
        if (merged.size() < 500) {
            throw new IllegalStateException("the class list has only " + merged.size() + " classes");
        }
        Files.write(classList, merged, StandardCharsets.UTF_8);
    }

    /** Dynamic proxies are made afresh at each run: an archive cannot hold them. */
    static boolean keep(String classListLine) {
        String line = classListLine.strip();
        return !line.isEmpty() && !line.startsWith("jdk/proxy") && !line.startsWith("com/sun/proxy/");
    }
}
