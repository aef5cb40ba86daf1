package org.dsreg.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * {@code dsreg --help} as picocli renders it off a terminal (80 columns, no colour), written at build time (Maven's
 * process-classes phase) to the resource {@link QuickCommands} prints; QuickCommandsTest holds it to what picocli
 * renders now.
 */
public final class HelpText {
    /** The resource, next to this class. */
    static final String RESOURCE = "help.txt";

    private HelpText() {
    }

    /** Writes the resource under the classes directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0], HelpText.class.getPackageName().replace('.', '/'), RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    /** The usage text, as picocli prints it for --help when neither a terminal nor a picocli property sets otherwise. */
    static String render() {
        CommandLine cl = Cli.commandLine();
        cl.getCommandSpec().usageMessage().autoWidth(false).width(80);
        StringWriter text = new StringWriter();
        cl.usage(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
        return text.toString();
    }
}
