package org.dsreg.dist;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
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
 * <li>records the classes that the runs users make load, as a CDS class list
 *     ({@link ClassListTraining}).</li>
 * </ol>
 * Usage: {@code Stage STAGE VERSION DATE JVM_OPTIONS WORK}
 */
public final class Stage {
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
        new ClassListTraining(home.resolve("dsreg.jar"), jvmOptions, work)
                .write(home.resolve("dsreg.classlist"), System.getenv());
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

}
