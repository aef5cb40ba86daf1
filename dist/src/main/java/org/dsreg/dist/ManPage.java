package org.dsreg.dist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code dsreg(1)}, written as troff (the man macros) from the picocli model of the command: the
 * options, exit codes and environment are the ones {@code dsreg --help} shows, so an option added
 * to the command appears in the man page at the next build.
 */
final class ManPage {
    /** A footer line naming environment variables: {@code "  NAME[, NAME]  what it does"} (https_proxy: any case). */
    private static final Pattern ENVIRONMENT_LINE = Pattern.compile(
            "^\\s*([A-Za-z_][A-Za-z0-9_]*(?:,\\s*[A-Za-z_][A-Za-z0-9_]*)*)\\s{2,}(.*)$");
    /** picocli's markup, {@code @|bold,underline text|@}: the text is kept. */
    private static final Pattern MARKUP = Pattern.compile("@\\|[a-z_,]+\\s(.*?)\\|@");

    private ManPage() {
    }

    /**
     * The man page of {@code spec}.
     *
     * @param version the version it documents, for the page's footer
     * @param date    the page's date (the build's), yyyy-MM-dd
     */
    static String render(CommandSpec spec, String version, String date) {
        UsageMessageSpec usage = spec.usageMessage();
        String name = spec.name();
        StringBuilder t = new StringBuilder();
        t.append(".\\\" Generated at build time from the picocli model of ").append(name)
                .append(" (dist module, org.dsreg.dist.ManPage). Do not edit.\n");
        t.append(".TH ").append(quote(name.toUpperCase(Locale.ROOT))).append(" 1 ").append(quote(date)).append(' ')
                .append(quote(name + " " + version)).append(" \"User Commands\"\n");
        t.append(".nh\n"); // option names are not words to hyphenate

        t.append(".SH NAME\n");
        List<String> description = lines(usage.description());
        String summary = description.isEmpty() ? "" : description.get(0);
        t.append(escape(name)).append(" \\- ").append(escape(nameLine(summary))).append('\n');

        List<ArgGroupSpec> actions = actionGroups(spec);
        t.append(".SH SYNOPSIS\n");
        t.append(".ad l\n");
        // one line per action: its flag, the options that go with it only, then the common options
        for (ArgGroupSpec action : actions) {
            t.append(".br\n.B ").append(escape(name)).append('\n');
            for (OptionSpec option : visible(action.options())) {
                synopsis(t, option, option.required());
            }
            t.append("[\\fIcommon options\\fR]\n");
        }
        t.append(".br\n\\fIcommon options\\fR:\n");
        for (OptionSpec option : commonOptions(spec)) {
            synopsis(t, option, false);
        }
        t.append(".ad\n");

        t.append(".SH DESCRIPTION\n");
        for (String line : description) {
            t.append(text(line)).append('\n');
        }

        t.append(".SH OPTIONS\n");
        for (ArgGroupSpec action : actions) {
            t.append(".SS ").append(quote(heading(action.heading()))).append('\n');
            options(t, visible(action.options()));
        }
        List<OptionSpec> common = commonOptions(spec);
        if (!actions.isEmpty()) {
            t.append(".SS ").append(quote(heading(spec.usageMessage().optionListHeading()))).append('\n');
        }
        options(t, common);

        Map<String, String> exitCodes = usage.exitCodeList();
        if (!exitCodes.isEmpty()) {
            t.append(".SH EXIT STATUS\n");
            for (Map.Entry<String, String> code : exitCodes.entrySet()) {
                t.append(".TP\n.B ").append(escape(code.getKey().strip())).append('\n')
                        .append(text(code.getValue())).append('\n');
            }
        }

        List<String[]> environment = environment(lines(usage.footer()));
        // the launcher's own variables, beside the command's
        environment.add(new String[] {"DSREG_JAVA_HOME", "The Java the dsreg launcher runs (a JDK or JRE home), and"
                + " no other: $DSREG_JAVA_HOME/bin/java. Unset, the newest Java 25 or later chosen at installation,"
                + " else java."});
        environment.add(new String[] {"DSREG_JAVA_OPTS", "Extra JVM options for the dsreg launcher."});
        t.append(".SH ENVIRONMENT\n");
        for (String[] variable : environment) {
            t.append(".TP\n.B ").append(escape(variable[0])).append('\n').append(text(variable[1])).append('\n');
        }

        t.append(".SH FILES\n");
        t.append(".TP\n.I /var/lib/dsreg\n").append(text(
                "The state directory (unless --state-dir or DSREG_STATE_DIR names another):"
                        + " registrations/<tenant-id>.json, one registration per tenant, readable by every user;"
                        + " replacements/<tenant-id>.json, a --repair or --rekey under way (settled by the next run);"
                        + " keys/<storage>/, each key-storage backend's private keys, readable by their owner only."))
                .append('\n');
        t.append(".TP\n.I /etc/microsoft/identity\\-broker/certs\n").append(text(
                "The Microsoft identity broker's device certificates (drs_*), shown by --status when readable."))
                .append('\n');
        t.append(".TP\n.I /usr/share/dsreg\n").append(text(
                "The program: dsreg.jar and its libraries in lib/, the JVM options of the launcher (jvm.options,"
                        + " and jvm25.options for Java 25 or later), and, made at installation for this machine's Java"
                        + " to make dsreg start faster: dsreg.jsa, a class-data archive for java, and where a Java 25"
                        + " or later is installed, dsreg.aot, an ahead-of-time cache for the newest, and java-home,"
                        + " its home."))
                .append('\n');

        t.append(".SH SEE ALSO\n");
        t.append(".BR systemctl (1),\n.BR dbus\\-daemon (1)\n");
        return t.toString();
    }

    /** One option in the synopsis: {@code [--name VALUE]}, without brackets when required. */
    private static void synopsis(StringBuilder t, OptionSpec option, boolean required) {
        t.append(required ? "" : "[").append("\\fB").append(escape(option.longestName())).append("\\fR");
        if (takesValue(option)) {
            // an unbreakable space keeps an option and its value on one line
            t.append("\\ \\fI").append(escape(option.paramLabel())).append("\\fR");
        }
        t.append(required ? "" : "]").append('\n');
    }

    /** Options as tagged paragraphs: their names, value and description. */
    private static void options(StringBuilder t, List<OptionSpec> options) {
        for (OptionSpec option : options) {
            t.append(".TP\n");
            List<String> names = new ArrayList<>();
            for (String n : option.names()) {
                names.add("\\fB" + escape(n) + "\\fR");
            }
            t.append(String.join(", ", names));
            if (takesValue(option)) {
                t.append(" \\fI").append(escape(option.paramLabel())).append("\\fR");
            }
            t.append('\n');
            for (String line : lines(option.description())) {
                t.append(text(line)).append('\n');
            }
        }
    }

    /**
     * The actions: the groups inside the command's one exclusive group (at most one of them is given), in
     * their --help order; empty for a command without one.
     */
    static List<ArgGroupSpec> actionGroups(CommandSpec spec) {
        return spec.argGroups().stream().filter(ArgGroupSpec::exclusive)
                .flatMap(g -> g.subgroups().stream())
                .sorted(java.util.Comparator.comparingInt(ArgGroupSpec::order)).toList();
    }

    /** The options any action takes (outside every group), as a user sees them in --help. */
    static List<OptionSpec> commonOptions(CommandSpec spec) {
        return visible(spec.options().stream().filter(o -> o.group() == null).toList());
    }

    private static List<OptionSpec> visible(List<OptionSpec> options) {
        return options.stream().filter(o -> !o.hidden()).toList();
    }

    /** A --help heading ("%nJoin or register:%n") as a subsection title ("Join or register"). */
    private static String heading(String raw) {
        String h = raw == null ? "" : String.join(" ", lines(new String[] {raw})).strip();
        return h.endsWith(":") ? h.substring(0, h.length() - 1) : h;
    }

    private static boolean takesValue(OptionSpec option) {
        return option.arity().max() > 0 && !option.paramLabel().isEmpty();
    }

    /** "Show and manage X." becomes "show and manage X", as the NAME section wants. */
    private static String nameLine(String summary) {
        String s = summary.strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
            s = Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }

    /** Footer lines "  NAME  text" as (NAME, text), continuation lines joined to the one before. */
    static List<String[]> environment(List<String> footer) {
        List<String[]> variables = new ArrayList<>();
        for (String line : footer) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = ENVIRONMENT_LINE.matcher(line);
            if (m.matches()) {
                variables.add(new String[] {m.group(1), m.group(2).strip()});
            } else if (!variables.isEmpty()) {
                String[] last = variables.get(variables.size() - 1);
                last[1] = last[1] + " " + line.strip();
            }
        }
        return variables;
    }

    /** picocli's description lines as plain lines: format specifiers resolved, markup removed. */
    private static List<String> lines(String[] raw) {
        List<String> out = new ArrayList<>();
        for (String r : raw) {
            String s = MARKUP.matcher(r).replaceAll("$1").replace("%n", "\n").replace("%%", "%");
            for (String line : s.split("\n", -1)) {
                out.add(line);
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Running text: escaped, and never a line troff would read as a request or an indented block. */
    private static String text(String s) {
        String e = escape(s.strip());
        return e.isEmpty() ? ".sp" : e;
    }

    /**
     * Escapes troff: backslashes, a leading control character, and hyphens as {@code \-} (options
     * and values are typed as they read).
     */
    static String escape(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        if (e.startsWith(".") || e.startsWith("'")) {
            e = "\\&" + e;
        }
        return e;
    }

    private static String quote(String s) {
        return "\"" + escape(s).replace("\"", "\\(dq") + "\"";
    }
}
