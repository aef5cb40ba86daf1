package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Which options go with which action (the model's groups, {@link Actions}) and the checks the model cannot express
 * ({@link UsageChecks}): each refusal is exit 1, one {@code dsreg:} line and the usage hint, nothing on stdout,
 * before anything is read or written.
 */
class ActionGroupsTest {
    static final String TENANT = MessagesTest.TENANT;

    @TempDir
    Path dir;
    StatusFixture fx;

    @BeforeEach
    void fixture() {
        fx = new StatusFixture(dir);
    }

    private void assertRefused(String message, String... args) {
        StatusFixture.Run r = fx.run(args);
        assertEquals(1, r.exitCode(), String.join(" ", args) + ": " + r.err());
        MessagesTest.assertOurs(r);
        assertEquals(List.of("dsreg: " + message, "Try 'dsreg --help' for more information."),
                StatusFixture.lines(r.err()), String.join(" ", args));
        assertEquals("", r.out());
        assertFalse(Files.exists(fx.state), "nothing was written");
    }

    @Test
    void anActionsOptionWithoutItsActionIsRefused() {
        assertRefused("--dry-run goes with --cleanup", "--dry-run");
        assertRefused("--dry-run and --yes go with --cleanup", "--status", "--dry-run", "--yes");
        assertRefused("--account goes with --getdrstoken, --refreshprt or --gettoken", "--account",
                "alice@contoso.example");
        assertRefused("--token-source goes with --join, --refreshprt, --repair or --rekey", "--token-source", "device-code");
        assertRefused("--join-type goes with --join", "--join-type", "join", "--tenant-id", TENANT);
        assertRefused("--device-name goes with --join", "--diagnose", "--device-name=box");
    }

    @Test
    void graphUrlGoesWithDiagnoseAndIsHttps() {
        assertRefused("--graph-url goes with --diagnose", "--graph-url", "https://graph.microsoft.us");
        assertRefused("--graph-url goes with --diagnose", "--status", "--graph-url", "https://graph.microsoft.us");
        assertRefused("--graph-url must be an https URL with a host: http://graph.microsoft.us", "--diagnose",
                "--graph-url", "http://graph.microsoft.us");
        assertRefused("--graph-url must be an https URL with a host: https:/nohost", "--diagnose", "--graph-url",
                "https:/nohost");
    }

    @Test
    void anActionsOptionWithAnotherActionIsRefused() {
        assertRefused("--account goes with --getdrstoken, --refreshprt or --gettoken", "--cleanup", "--account",
                "alice@contoso.example");
        assertRefused("--token-source goes with --join, --refreshprt, --repair or --rekey", "--gettoken", "--tenant-id", TENANT,
                "--token-source", "device-code");
        assertRefused("--scope goes with --gettoken", "--refreshprt", "--tenant-id", TENANT, "--scope", "x");
        assertRefused("--system goes with --cleanup", "--join", "--tenant-id", TENANT, "--system");
        assertRefused("--key-storage goes with --join or --rekey", "--list-key-storages", "--key-storage", "tpm");
        assertRefused("--key-storage goes with --join or --rekey", "--repair", "--tenant-id", TENANT,
                "--key-storage", "tpm");
    }

    @Test
    void repairAndRekeyNeedTheTenantIdAndRekeyItsTarget() {
        assertRefused("--repair needs --tenant-id", "--repair");
        assertRefused("--repair needs --tenant-id", "--forcerecovery");
        assertRefused("--repair needs the tenant id (a GUID), not 'contoso.example'", "--repair", "--tenant-id",
                "contoso.example");
        assertRefused("--rekey needs --key-storage: the key storage to move to", "--rekey", "--tenant-id", TENANT);
        assertRefused("--rekey needs --tenant-id", "--rekey", "--key-storage", "tpm");
        assertRefused("--rekey needs the tenant id (a GUID), not 'contoso.example'", "--rekey", "--tenant-id",
                "contoso.example", "--key-storage", "tpm");
        assertRefused("choose one action, not --repair and --rekey", "--repair", "--rekey", "--tenant-id", TENANT,
                "--key-storage", "tpm");
    }

    @Test
    void everyOptionOfAnActionGoesWithItOnly() {
        ArgGroupSpec actions = Cli.commandLine().getCommandSpec().argGroups().get(0);
        int checked = 0;
        for (ArgGroupSpec action : actions.subgroups()) {
            OptionSpec flag = action.options().get(0);
            for (OptionSpec o : action.options()) {
                if (o.required() || !flag.required()) {
                    continue; // the action's own flag; the status group's options are each a flag
                }
                List<String> args = new ArrayList<>(List.of(o.longestName()));
                if (o.arity().max() > 0) { // a value it accepts: an enum's first, else any
                    args.add(o.completionCandidates() == null ? "x" : o.completionCandidates().iterator().next());
                }
                assertRefused(o.longestName() + " goes with " + flag.longestName(), args.toArray(String[]::new));
                checked++;
            }
        }
        assertTrue(checked >= 8, "at least the options of --join (3; --key-storage is shared with --rekey),"
                + " --cleanup (3) and --gettoken (2): " + checked);
    }

    @Test
    void twoActionsAreRefused() {
        assertRefused("choose one action, not --join and --cleanup", "--join", "--cleanup", "--tenant-id", TENANT);
        assertRefused("choose one action, not --status and --getdrstoken", "--status", "--getdrstoken");
        assertRefused("choose one action, not --diagnose and --leave", "--diagnose", "--status", "--leave");
        assertRefused("choose one action, not --getdrstoken, --list-key-storages and --unregister",
                "--getdrstoken", "--list-key-storages", "--unregister");
    }

    @Test
    void anOptionGivenTwiceIsRefused() {
        assertRefused("option '--status' should be specified only once", "--status", "--status");
        assertRefused("option '--leave' should be specified only once", "--unregister", "--leave", "--tenant-id",
                TENANT);
        assertRefused("option '--json' should be specified only once", "--json", "--json");
    }

    @Test
    void statusAndDiagnoseGoTogether() {
        // no registration: the diagnostics test DRS discovery alone, here against a closed port on loopback
        StatusFixture.Run r = fx.run("--status", "--diagnose", "--drs-url", "https://127.0.0.1:1", "--no-proxy",
                "--timeout", "2", "--json");
        StatusFixture.Run status = fx.run("--status", "--json");
        assertEquals(status.exitCode(), r.exitCode(), r.err());
        assertTrue(r.out().contains("\"diagnostics\""), r.out());
        assertFalse(status.out().contains("\"diagnostics\""), status.out());
    }

    @Test
    void theChecksTheModelCannotExpress() {
        assertRefused("--join needs --tenant-id", "--join");
        assertRefused("--unregister needs --tenant-id", "--leave");
        assertRefused("--json and --format text disagree", "--json", "--format", "text");
        assertRefused("--getdrstoken needs the tenant id (a GUID), not 'contoso.example'", "--getdrstoken",
                "--tenant-id", "contoso.example");
        assertRefused("--diagnose needs the tenant id (a GUID), not 'contoso.example'", "--diagnose",
                "--tenant-id", "contoso.example");
        assertRefused("--unregister needs the tenant id (a GUID), not 'contoso.example'", "--unregister",
                "--tenant-id", "contoso.example");
    }

    @Test
    void formatJsonIsJsonForEveryActionAsJsonIs() throws Exception {
        StatusFixture.Run viaJson = fx.run("--list-key-storages", "--json");
        StatusFixture.Run viaFormat = fx.run("--list-key-storages", "--format", "json");
        assertEquals(0, viaFormat.exitCode(), viaFormat.err());
        assertEquals(viaJson.out(), viaFormat.out());
        var document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(viaFormat.out());
        assertTrue(document.isContainerNode(), viaFormat.out());
    }

    @Test
    void actionsFromAnArgumentFileAreRefusedInOneLineOfWordsToo() throws Exception {
        // picocli reads @file arguments itself: they are not in the command line to be told apart
        Path args = Files.writeString(dir.resolve("args"), "--join\n--cleanup\n");
        assertRefused("the options given do not go together: one action at a time, with its own options"
                + " (see --help)", "@" + args);
    }

    @Test
    void otherUsageErrorsKeepPicocliWords() {
        assertRefused("Missing required parameter for option '--device-name' (NAME)", "--join", "--tenant-id",
                TENANT, "--device-name");
        assertRefused("Unknown option: '--bogus'", "--cleanup", "--bogus");
    }

    @Test
    void helpListsEachActionWithItsOwnOptionsThenTheCommonOnes() {
        StatusFixture.Run help = fx.run("--help");
        assertEquals(0, help.exitCode(), help.err());
        List<String> lines = StatusFixture.lines(help.out());
        List<String> headings = List.of("Status (the default action; --diagnose includes it):", "A DRS access token:",
                "Join or register:", "Unregister:", "Clean up local state:", "Key storages:", "Common options:",
                "Exit codes:");
        int last = -1;
        for (String heading : headings) {
            assertTrue(lines.indexOf(heading) > last, heading + " missing or out of order: " + help.out());
            last = lines.indexOf(heading);
        }
        assertTrue(lines.indexOf("      --join-type=join|register") > lines.indexOf("Join or register:"), help.out());
        assertTrue(lines.indexOf("      --join-type=join|register") < lines.indexOf("Unregister:"), help.out());
        for (OptionSpec o : Cli.commandLine().getCommandSpec().options()) {
            long listed = lines.stream().filter(l -> l.startsWith("  ") && !l.startsWith("          ")
                    && List.of(o.names()).contains(l.strip().split("[,= ]", 2)[0])).count();
            assertEquals(1, listed, o.longestName() + " is listed once: " + help.out());
        }
    }
}
