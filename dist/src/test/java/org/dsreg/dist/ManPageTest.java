package org.dsreg.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dsreg.cli.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class ManPageTest {
    private final CommandSpec dsreg = Cli.commandLine().getCommandSpec();
    private final String page = ManPage.render(dsreg, "1.2.3", "2026-01-02");

    @Test
    void headerNamesThePageSectionVersionAndDate() {
        assertTrue(page.contains(".TH \"DSREG\" 1 \"2026\\-01\\-02\" \"dsreg 1.2.3\" \"User Commands\"\n"), page);
        // the first line of the description, as a NAME line: "Show X." -> "show X"
        String summary = dsreg.usageMessage().description()[0].strip().replaceAll("\\.$", "");
        String name = Character.toLowerCase(summary.charAt(0)) + summary.substring(1);
        assertTrue(page.contains(".SH NAME\ndsreg \\- " + ManPage.escape(name) + "\n"), page);
    }

    @Test
    void sectionsComeInTheUsualOrder() {
        List<String> sections = List.of(".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS",
                ".SH EXIT STATUS", ".SH ENVIRONMENT", ".SH FILES", ".SH SEE ALSO");
        int last = -1;
        for (String s : sections) {
            int at = page.indexOf(s + "\n");
            assertTrue(at > last, s + " missing or out of order");
            last = at;
        }
    }

    @Test
    void everyOptionOfTheCommandIsDocumentedWithItsNamesParameterAndDescription() {
        String options = section("OPTIONS");
        String synopsis = section("SYNOPSIS");
        for (OptionSpec o : dsreg.options()) {
            for (String name : o.names()) {
                assertTrue(options.contains("\\fB" + ManPage.escape(name) + "\\fR"), name);
            }
            String bracket = o.required() ? "\n" : "[";
            assertTrue(synopsis.contains(bracket + "\\fB" + ManPage.escape(o.longestName()) + "\\fR"), o.longestName());
            String firstWords = o.description()[0].split("\\s+")[0];
            assertTrue(options.contains(ManPage.escape(firstWords)), o.longestName() + ": " + firstWords);
        }
        assertTrue(options.contains("\\fB\\-\\-tenant\\-id\\fR \\fIGUID\\fR\n"), options);
        assertTrue(options.contains("\\fB\\-\\-unregister\\fR, \\fB\\-\\-leave\\fR\n"), options);
        assertTrue(options.contains("\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n"), options);
        assertTrue(synopsis.contains("[\\fB\\-\\-state\\-dir\\fR\\ \\fIDIR\\fR]\n"), synopsis);
        assertFalse(synopsis.contains("\\fB\\-\\-status\\fR\\ \\fI"), "a flag takes no value: " + synopsis);
    }

    @Test
    void eachActionHasItsSynopsisLineAndItsOptionsUnderItsOwnHeading() {
        String synopsis = section("SYNOPSIS");
        String options = section("OPTIONS");
        List<picocli.CommandLine.Model.ArgGroupSpec> actions = ManPage.actionGroups(dsreg);
        assertEquals(10, actions.size(),
                "status, getdrstoken, join, unregister, cleanup, list-key-storages, refreshprt, gettoken, repair, rekey");
        assertEquals(actions.size(), synopsis.split("\\.br\n\\.B dsreg\n", -1).length - 1,
                "a line per action: " + synopsis);
        assertTrue(synopsis.contains(".br\n\\fIcommon options\\fR:\n[\\fB\\-\\-tenant\\-id\\fR"), synopsis);
        assertTrue(synopsis.contains(".B dsreg\n\\fB\\-\\-join\\fR\n[\\fB\\-\\-join\\-type\\fR"), synopsis);
        assertTrue(synopsis.contains(".B dsreg\n\\fB\\-\\-unregister\\fR\n[\\fIcommon options\\fR]\n"), synopsis);
        assertTrue(synopsis.contains(".B dsreg\n\\fB\\-\\-gettoken\\fR\n[\\fB\\-\\-client\\-id\\fR"), synopsis);
        assertTrue(synopsis.contains(".B dsreg\n\\fB\\-\\-rekey\\fR\n[\\fIcommon options\\fR]\n"), synopsis);
        int last = -1;
        for (picocli.CommandLine.Model.ArgGroupSpec action : actions) {
            String flag = action.options().get(0).longestName();
            int heading = options.indexOf("\n.SS \"", last + 1);
            int at = options.indexOf("\\fB" + ManPage.escape(flag) + "\\fR");
            assertTrue(heading > last && at > heading, flag + " under its own heading: " + options);
            last = at;
        }
        int common = options.indexOf(".SS \"Common options\"\n");
        assertTrue(common > last, "the common options come last: " + options);
        assertTrue(options.indexOf("\\fB\\-\\-state\\-dir\\fR") > common, options);
        for (OptionSpec o : ManPage.commonOptions(dsreg)) {
            assertTrue(o.group() == null, o.longestName());
        }
    }

    @Test
    void exitStatusListsEveryExitCodeOfTheCommand() {
        String exit = section("EXIT STATUS");
        assertTrue(dsreg.usageMessage().exitCodeList().size() >= 9, "the exit codes of Microsoft's dsreg, 0 to 8");
        dsreg.usageMessage().exitCodeList().forEach((code, meaning) -> {
            assertTrue(exit.contains(".TP\n.B " + code + "\n" + ManPage.escape(meaning) + "\n"), code + " " + exit);
        });
    }

    @Test
    void environmentComesFromTheHelpFooter() {
        String env = section("ENVIRONMENT");
        int variables = 0;
        for (String line : dsreg.usageMessage().footer()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_, ]*[A-Za-z0-9_])\\s{2,}\\S").matcher(line);
            if (m.find()) {
                assertTrue(env.contains(".TP\n.B " + ManPage.escape(m.group(1)) + "\n"), m.group(1) + ": " + env);
                variables++;
            }
        }
        assertTrue(variables >= 4, "the footer names the environment variables: " + variables);
        assertTrue(env.contains(".B DSREG_STATE_DIR\n"), env);
        assertTrue(env.contains(".B DSREG_JAVA_OPTS\n"), env);
        assertTrue(env.contains(".B DSREG_JAVA_HOME\n"), env);
        assertTrue(env.contains(".B https_proxy, all_proxy\n"), env);
        assertTrue(env.contains(".B no_proxy\n"), env);
    }

    @Test
    void filesAndSeeAlso() {
        assertTrue(section("FILES").contains(".I /var/lib/dsreg\n"), page);
        assertTrue(section("SEE ALSO").contains(".BR systemctl (1)"), page);
    }

    @Test
    void anOptionAddedToTheModelAppearsWithoutTouchingTheGenerator() {
        CommandSpec spec = Cli.commandLine().getCommandSpec();
        spec.addOption(OptionSpec.builder("--brand-new").paramLabel("THING").type(String.class)
                .description("A new option.", "Second line.").build());
        String rendered = ManPage.render(spec, "1", "2026-01-01");
        assertTrue(rendered.contains(".TP\n\\fB\\-\\-brand\\-new\\fR \\fITHING\\fR\nA new option.\nSecond line.\n"),
                rendered);
        assertTrue(rendered.contains("[\\fB\\-\\-brand\\-new\\fR\\ \\fITHING\\fR]"), rendered);
    }

    @Test
    void hiddenOptionsStayHidden() {
        CommandSpec spec = Cli.commandLine().getCommandSpec();
        spec.addOption(OptionSpec.builder("--secret").hidden(true).description("Internal.").build());
        assertFalse(ManPage.render(spec, "1", "2026-01-01").contains("secret"));
    }

    @Test
    void troffIsEscaped() {
        assertEquals("\\&.hidden", ManPage.escape(".hidden"));
        assertEquals("\\&'quoted", ManPage.escape("'quoted"));
        assertEquals("a\\eb", ManPage.escape("a\\b"));
        assertEquals("\\-\\-json", ManPage.escape("--json"));
        for (String line : page.split("\n")) {
            assertFalse(line.startsWith(" "), "an indented line breaks the fill: " + line);
            assertFalse(line.startsWith(".") && !line.matches("^\\.(\\\\\"|TH|SH|SS|TP|B|I|BR|br|nh|ad|hy|sp)( .*)?$"),
                    "an unknown request: " + line);
        }
    }

    @Test
    void footerContinuationLinesJoinTheVariableBefore() {
        List<String[]> vars = ManPage.environment(List.of("  FOO  first part", "       and the rest", "", "  BAR  bar"));
        assertEquals(2, vars.size());
        assertEquals("FOO", vars.get(0)[0]);
        assertEquals("first part and the rest", vars.get(0)[1]);
        assertEquals("BAR", vars.get(1)[0]);
    }

    private String section(String name) {
        int start = page.indexOf(".SH " + name + "\n");
        assertTrue(start >= 0, name);
        int end = page.indexOf("\n.SH ", start + 1);
        return page.substring(start, end < 0 ? page.length() : end + 1);
    }
}
