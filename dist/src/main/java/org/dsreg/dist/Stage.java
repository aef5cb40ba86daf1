package org.dsreg.dist;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.stream.Stream;
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
 *     ({@link ClassListTraining});</li>
 * <li>writes the machine-readable copyright file from the dependency set ({@link Copyright}) and the changelog;</li>
 * <li>makes the packaged jar's class path absolute ({@link PackagedJar}).</li>
 * </ol>
 * Everything dated is dated at the build's fixed time ({@code project.build.outputTimestamp}), so that the same
 * commit gives the same packages. Usage:
 * {@code Stage STAGE VERSION TIMESTAMP JVM_OPTIONS WORK DEPENDENCY_LIST LOCAL_REPOSITORY LICENSE}
 */
public final class Stage {
    private Stage() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            throw new IllegalArgumentException(
                    "usage: Stage STAGE VERSION TIMESTAMP JVM_OPTIONS WORK DEPENDENCY_LIST LOCAL_REPOSITORY LICENSE");
        }
        // zip entries keep local time: the packaged jar must not depend on the build machine's zone
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        Path stage = Path.of(args[0]);
        String version = args[1];
        Instant time = DebianChangelog.buildTime(args[2]);
        Path jvmOptions = Path.of(args[3]);
        Path work = Path.of(args[4]);
        Path home = stage.resolve("usr/share/dsreg");
        Path doc = stage.resolve("usr/share/doc/dsreg");

        checkLibraries(home);
        writeManPage(stage.resolve("usr/share/man/man1/dsreg.1.gz"), version,
                DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(time));
        writeCompletion(stage.resolve("usr/share/bash-completion/completions/dsreg"));
        new ClassListTraining(home.resolve("dsreg.jar"), jvmOptions, work)
                .write(home.resolve("dsreg.classlist"), System.getenv());
        Files.createDirectories(doc);
        Files.writeString(doc.resolve("copyright"), Copyright.render(home.resolve("lib"), "usr/share/dsreg/lib/",
                Copyright.dependencies(Path.of(args[5]), "org.dsreg"), new PomLicenses(Path.of(args[6])), args[7],
                "2026 dsreg developers"), StandardCharsets.UTF_8);
        Gzip.write(doc.resolve("changelog.gz"), DebianChangelog.render(DebianChangelog.packageVersion(version),
                version, time).getBytes(StandardCharsets.UTF_8));
        PackagedJar.makeClassPathAbsolute(home.resolve("dsreg.jar"), FileTime.from(time));
    }

    /** lib/ must hold exactly the jars dsreg.jar's manifest puts on the class path. */
    static void checkLibraries(Path home) throws IOException {
        Set<String> named = new TreeSet<>();
        for (String entry : PackagedJar.classPath(home.resolve("dsreg.jar"))) {
            named.add(entry.startsWith(PackagedJar.HOME) ? entry.substring(PackagedJar.HOME.length()) : entry);
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
        Gzip.write(file, ManPage.render(Cli.commandLine().getCommandSpec(), version, date)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** picocli's bash completion, without its {@code #!} line: bash-completion sources the file, never runs it. */
    static void writeCompletion(Path file) throws IOException {
        CommandLine commandLine = Cli.commandLine();
        String script = AutoComplete.bash(commandLine.getCommandName(), commandLine);
        if (script.startsWith("#!")) {
            script = script.substring(script.indexOf('\n') + 1);
        }
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(script);
        }
    }
}
