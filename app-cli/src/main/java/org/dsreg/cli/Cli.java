package org.dsreg.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import picocli.CommandLine;

/**
 * Runs the {@code dsreg} command: parses, executes, and maps every outcome to the documented exit
 * code. One mapping, here; errors are one line on stderr (plus a hint), never a stack trace unless
 * {@code --debug} is given.
 */
public final class Cli {
    private Cli() {
    }

    /**
     * The {@code dsreg} command line for an empty environment, not run: for tools that read its
     * model (the man page and shell completion are generated from it at build time).
     */
    public static CommandLine commandLine() {
        return commandLine(new DsregCommand(Map.of(), false, new BufferedReader(new StringReader(""))));
    }

    /** The section of --help that lists the actions, each group of the model under its heading. */
    private static final String ACTIONS = "actions";

    /** The command line of {@code command}; its --help lists the actions first, then the options they share. */
    private static CommandLine commandLine(DsregCommand command) {
        CommandLine cl = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        cl.getHelpSectionMap().put(ACTIONS, CommandLine.Help::optionListGroupSections);
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> help.optionListExcludingGroups(
                        help.commandSpec().options().stream().filter(o -> o.group() == null).toList()));
        List<String> keys = new ArrayList<>(cl.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING), ACTIONS);
        return cl.setHelpSectionKeys(keys);
    }

    /** Runs with the process's streams. */
    public static int run(String[] args, Map<String, String> env, boolean terminal) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return run(args, env, terminal, in, out, err);
    }

    /** Runs with the given streams and no input (end of input at once). */
    public static int run(String[] args, Map<String, String> env, boolean terminal, PrintWriter out, PrintWriter err) {
        return run(args, env, terminal, new BufferedReader(new StringReader("")), out, err);
    }

    /**
     * Runs with the given streams (tests drive the real command this way): {@link QuickCommands} when it answers
     * {@code args} as picocli would, else picocli.
     */
    public static int run(String[] args, Map<String, String> env, boolean terminal, BufferedReader in,
                          PrintWriter out, PrintWriter err) {
        OptionalInt quick = QuickCommands.run(args, env, terminal, in, out, err);
        int code = quick.isPresent() ? quick.getAsInt() : withPicocli(args, env, terminal, in, out, err);
        out.flush();
        err.flush();
        return code;
    }

    /** Runs with picocli reading {@code args}, whatever they are. */
    static int withPicocli(String[] args, Map<String, String> env, boolean terminal, BufferedReader in,
                           PrintWriter out, PrintWriter err) {
        DsregCommand command = new DsregCommand(env, terminal, in);
        return configured(command, out, err).execute(args);
    }

    /** The command line of {@code command} as it runs: its streams, converters and error handlers. */
    static CommandLine configured(DsregCommand command, PrintWriter out, PrintWriter err) {
        return commandLine(command)
                .setOut(out)
                .setErr(err)
                .registerConverter(java.nio.file.Path.class, new OptionValues.PathConverter())
                .registerConverter(java.net.URI.class, new OptionValues.UriConverter())
                .setParameterExceptionHandler(Cli::invalidArguments)
                .setExecutionExceptionHandler((e, cmd, parsed) -> failed(e, cmd.getErr(), command.debug()));
    }

    private static int invalidArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = ActionUsageErrors.describe(e, args).orElseGet(() -> e.getMessage().replaceFirst("^Error: ", ""));
        err.println("dsreg: " + oneLine(message));
        err.println("Try 'dsreg --help' for more information.");
        return ErrorKind.INVALID_ARGUMENTS.exitCode();
    }

    /** What the command threw, in words on {@code err}; the exit code. */
    static int failed(Exception e, PrintWriter err, boolean debug) {
        int code;
        if (e instanceof DsregException d) {
            err.println("dsreg: " + oneLine(d.getMessage()));
            d.remedy().ifPresent(r -> err.println("Hint: " + oneLine(RemedyWords.of(r))));
            if (d.kind() == ErrorKind.INVALID_ARGUMENTS) {
                err.println("Try 'dsreg --help' for more information.");
            }
            code = d.kind().exitCode();
        } else {
            // an exception's text names its classes: what it says is for --debug, below
            err.println("dsreg: internal error" + (debug ? "" : " (run again with --debug for details)"));
            err.println("Hint: report it if it persists");
            code = ErrorKind.QUERY_FAILED.exitCode();
        }
        if (debug) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                err.println((t == e ? "" : "Caused by: ") + t);
                for (StackTraceElement frame : t.getStackTrace()) {
                    err.println("\tat " + frame);
                }
            }
        }
        return code;
    }

    /** A message on one line, without the Java class names a library's text may carry (they are for --debug). */
    static String oneLine(String s) {
        return s == null ? "" : scrub(s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
    }

    /** Compiled on first use: most runs have nothing to scrub. */
    private static final class EnumConstant {
        static final java.util.regex.Pattern PATTERN = java.util.regex.Pattern.compile(
                "No enum constant (?:[\\w$]+\\.)+([\\w$]+)");
    }

    /** Turns what the JDK says of a bad value or a failed call into words: no class name reaches the user. */
    static String scrub(String message) {
        String m = EnumConstant.PATTERN.matcher(message).replaceAll("'$1' is not one of the accepted values");
        m = org.dsreg.domain.JavaNames.removedFrom(m);
        return m.replaceAll("\\(\\s*\\)", "").replaceAll("\\( +", "(").replaceAll(" {2,}", " ").strip();
    }
}
