package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StatusArgs} reads what picocli reads, or leaves the arguments to picocli: for a corpus of status command
 * lines, the same options and the same run (output, errors, exit code) as picocli; for every refusal the status's
 * options have, and anything else, it declines, so that picocli words it.
 */
class StatusArgsTest {
    static final String TENANT = MessagesTest.TENANT;

    @TempDir
    Path dir;
    private StatusFixture fixture;

    /** The fixture, made on first use (in the test's own directory). */
    private StatusFixture fx() {
        if (fixture == null) {
            fixture = new StatusFixture(dir);
        }
        return fixture;
    }

    /** Read by hand: the same options as picocli's, and the same run. */
    List<String[]> accepted() {
        String state = dir.resolve("other state").toString();
        return List.of(args(), args("--status"), args("--json"), args("--status", "--json"), args("--format", "json"),
                args("--format=prometheus"), args("--no-color", "--format", "dsregcmd"), args("--format", "text"),
                args("--state-dir", state), args("--state-dir=" + state), args("--status", "--state-dir", "a=b"),
                args("--root", fx().root.toString(), "--state-dir", state), args("--timeout", "2.5"),
                args("--timeout=600", "--debug"), args("--tenant-id", TENANT), args("--tenant-id", TENANT.toUpperCase()),
                // taken as picocli takes them, refused after, by UsageChecks, alike
                args("--tenant-id", "contoso.example"), args("--json", "--format", "text"),
                args("--format", "prometheus", "--json"));
    }

    /** Left to picocli: each a refusal (or an option this reader does not know) picocli words. */
    List<String[]> declined() throws Exception {
        Path file = Files.writeString(dir.resolve("args"), "--status\n");
        return List.of(args("--status", "--status"), args("--json", "--json"), args("--no-color", "--no-color"),
                args("--json", "--status", "--json"), args("--format", "BOGUS"), args("--format", "JSON"),
                args("--format"), args("--format="), args("--timeout", "0"), args("--timeout", "x"),
                args("--timeout", "601"), args("--timeout", "-1"), args("--tenant-id", "not a tenant!"),
                args("--state-dir", "a\0b"), args("--state-dir", "--json"), args("--state-dir", "-x"),
                args("--state-dir="), args("--bogus"), args("--status", "--dry-run"), args("--status", "--getdrstoken"),
                args("--diagnose"), args("--join"), args("--json=true"), args("--status=false"), args("@" + file),
                args("--state-dir", "@" + file), args("--"), args("status"), args("--Status"), args("-V", "--json"),
                args("--help", "--status"), args("--status", "--drs-url", "http://drs.example"),
                args("--status", "--no-proxy"));
    }

    @Test
    void theArgumentsItReadsGiveTheOptionsPicocliGives() {
        for (String[] args : accepted()) {
            DsregCommand byHand = command();
            Optional<StatusOptions> action = StatusArgs.parse(args, byHand);
            assertTrue(action.isPresent(), Arrays.toString(args));
            DsregCommand byPicocli = command();
            Cli.configured(byPicocli, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                    .parseArgs(args);
            assertEquals(options(byPicocli, Actions.chosen(byPicocli.actions)), options(byHand, action.get()),
                    Arrays.toString(args));
        }
    }

    @Test
    void theArgumentsItReadsRunAsWithPicocli() {
        for (String[] args : accepted()) {
            assertEquals(run(false, args), run(true, args), Arrays.toString(args));
        }
    }

    @Test
    void everyRefusalAndEveryOtherOptionIsPicocliS() throws Exception {
        for (String[] args : declined()) {
            assertEquals(Optional.empty(), StatusArgs.parse(args, command()), Arrays.toString(args));
            StatusFixture.Run r = run(false, args);
            assertEquals(run(true, args), r, Arrays.toString(args));
        }
        assertEquals(List.of("dsreg: option '--status' should be specified only once",
                "Try 'dsreg --help' for more information."), StatusFixture.lines(run(false, "--status", "--status").err()));
    }

    private DsregCommand command() {
        return new DsregCommand(fx().env, false, new BufferedReader(new StringReader("")));
    }

    /** Every option's value, in one string. */
    private static String options(DsregCommand c, ActionOptions action) {
        StatusOptions s = (StatusOptions) action;
        return Arrays.asList(s.status, s.diagnose, c.tenant, c.json, c.format, c.noColor, c.timeout, c.stateDir,
                c.root, c.drsUrl, c.trustCa, c.proxyOptions.proxy, c.proxyOptions.noProxy, c.signIn.account,
                c.signIn.tokenSource, c.tpmTcti, c.debug).toString();
    }

    /** A run through {@link Cli#run} (by hand where it can), or through picocli alone; the time stamp masked. */
    private StatusFixture.Run run(boolean picocli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        BufferedReader in = new BufferedReader(new StringReader(""));
        int code = picocli ? Cli.withPicocli(args, fx().env, false, in, new PrintWriter(out), new PrintWriter(err))
                : Cli.run(args, fx().env, false, in, new PrintWriter(out), new PrintWriter(err));
        return new StatusFixture.Run(code, out.toString().replaceAll("\"generatedAt\" : \"[^\"]*\"", "\"generatedAt\""),
                err.toString());
    }

    private static String[] args(String... args) {
        return args;
    }
}
