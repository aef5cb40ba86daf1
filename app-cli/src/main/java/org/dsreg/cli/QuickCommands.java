package org.dsreg.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The invocations answered without picocli, whose first use (building the annotated model) is most of their cost
 * (docs/performance.md): {@code --version} prints the version provider's lines; {@code --help} the usage text
 * picocli rendered at build time ({@link HelpText}); a plain status runs with its options read by {@link StatusArgs}.
 * Only where picocli would print the same bytes: no {@code picocli.*} system property (trace, ANSI, width...), and for
 * {@code --help} no terminal (whose width and colours picocli would use) and no forced colour. Everything else, every
 * refusal included, is picocli's.
 */
final class QuickCommands {
    private QuickCommands() {
    }

    /** The exit code, once run; empty when picocli is to read {@code args}. */
    static OptionalInt run(String[] args, Map<String, String> env, boolean terminal, BufferedReader in,
                           PrintWriter out, PrintWriter err) {
        if (picocliConfigured()) {
            return OptionalInt.empty();
        }
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            return version(out);
        }
        if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            return help(out);
        }
        DsregCommand command = new DsregCommand(env, terminal, in);
        Optional<StatusOptions> status = StatusArgs.parse(args, command);
        if (status.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(command.run(status.get(), out, err));
        } catch (IOException | RuntimeException e) { // as picocli hands what the command throws to Cli
            return OptionalInt.of(Cli.failed(e, err, command.debug()));
        }
    }

    private static boolean picocliConfigured() {
        for (Object key : System.getProperties().keySet()) {
            if (String.valueOf(key).startsWith("picocli.")) {
                return true;
            }
        }
        return false;
    }

    /** As picocli prints them: each line formatted (no line here has a format or a markup), then exit 0. */
    private static OptionalInt version(PrintWriter out) {
        String[] lines = new OptionValues.Version().getVersion();
        for (String line : lines) {
            if (line.contains("%") || line.contains("@|")) {
                return OptionalInt.empty();
            }
        }
        for (String line : lines) {
            out.println(line);
        }
        out.flush();
        return OptionalInt.of(0);
    }

    private static OptionalInt help(PrintWriter out) {
        String force = System.getenv("CLICOLOR_FORCE");
        boolean colour = System.getenv("NO_COLOR") == null && force != null && !"0".equals(force);
        if (colour || System.console() != null) {
            return OptionalInt.empty(); // picocli's colours, or a terminal's width
        }
        String usage;
        try (InputStream text = QuickCommands.class.getResourceAsStream(HelpText.RESOURCE)) {
            if (text == null) {
                return OptionalInt.empty(); // classes built without it (an IDE's): picocli renders it
            }
            usage = new String(text.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        out.print(usage);
        out.flush();
        return OptionalInt.of(0);
    }
}
