package org.dsreg.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.dsreg.embed.Dsreg;
import org.dsreg.embed.DsregSettings;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dsreg}: the options of Microsoft's Linux dsreg, and more. The actions and the options that go with each
 * only are groups in the model ({@link Actions}); the options here are the ones several actions share. What the
 * model cannot say is checked in {@link UsageChecks}.
 */
@Command(name = "dsreg",
        mixinStandardHelpOptions = true,
        versionProvider = OptionValues.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Show and manage this device's Microsoft Entra ID registration.",
            "Without an action, --status is shown."},
        optionListHeading = "%nCommon options:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success (even if not registered or no PRT)",
            "1:Invalid command-line arguments",
            "2:Failed to initialize (broker not available)",
            "3:Query failed with error",
            "4:Insufficient permissions (sudo required)",
            "5:DRS token required for operation",
            "6:Device unregistration failed",
            "7:Cleanup operation failed",
            "8:User canceled cleanup operation"},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  DSREG_STATE_DIR  state directory (default /var/lib/dsreg); --state-dir wins",
            "  DSREG_ROOT       prefix for every system path dsreg reads (default /)",
            "  DBUS_SESSION_BUS_ADDRESS, DBUS_SYSTEM_BUS_ADDRESS  where the broker's buses are",
            "  NO_COLOR         when set and not empty, no colour",
            "  https_proxy, all_proxy  the http proxy, as curl reads them (also upper-case); --proxy wins;"
                + " sudo drops them: sudo -E, or --proxy",
            "  no_proxy         hosts and addresses reached without it, as curl reads it"})
final class DsregCommand implements Callable<Integer> {

    /** The action and its own options; {@code null} when none is given (then the status). */
    @ArgGroup(exclusive = true, multiplicity = "0..1", order = 0)
    Actions actions;

    @Option(names = "--tenant-id", paramLabel = "GUID", converter = OptionValues.TenantConverter.class,
            description = "The tenant: for --status, only its registration; for --getdrstoken, its account;"
                    + " for --join, a GUID or a verified domain name.")
    String tenant;

    @Option(names = "--json", description = "Output one JSON document (schema: docs/status.schema.json);"
            + " the same as --format json.")
    boolean json;

    /** The output formats of --status and --diagnose. */
    enum Format { text, dsregcmd, json, prometheus }

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: text (default), dsregcmd (the Windows dsregcmd /status layout), json,"
                    + " or prometheus (a node_exporter textfile).")
    Format format;

    @Option(names = "--no-color", description = "Never colour the output.")
    boolean noColor;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = OptionValues.TimeoutConverter.class,
            description = "How long to wait for the brokers (--status waits this long in total; default: 5)"
                    + " and for one network request (default: 30).")
    Duration timeout;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "dsreg's state directory (default: $DSREG_STATE_DIR, else /var/lib/dsreg).")
    Path stateDir;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Prefix for every system path dsreg reads or cleans (default: $DSREG_ROOT, else /). With"
                    + " --cleanup, a root other than / confines the run: HOME is taken under it, no link below it is"
                    + " followed, and the broker's accounts and the device broker's service are skipped.")
    Path root;

    @Option(names = "--drs-url", paramLabel = "URL",
            description = "The DRS discovery base URL (default: https://enterpriseregistration.windows.net).")
    java.net.URI drsUrl;

    @Option(names = "--trust-ca", paramLabel = "PEM",
            description = "Also trust the CAs in this PEM file for DRS (TLS is always verified).")
    Path trustCa;

    @CommandLine.Mixin
    ProxyOptions proxyOptions = new ProxyOptions();

    @CommandLine.Mixin
    SignInOptions signIn = new SignInOptions();

    @Option(names = "--tpm-tcti", paramLabel = "TCTI",
            description = "The TPM backend's TCTI (default: device:/dev/tpmrm0; for a simulator:"
                    + " swtpm:host=127.0.0.1,port=2321).")
    String tpmTcti;

    @Option(names = "--debug", description = "On failure, also print the stack trace.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;
    private final boolean terminal;
    private final BufferedReader in;
    private final Function<DsregSettings, Dsreg> dsregs;

    DsregCommand(Map<String, String> env, boolean terminal, BufferedReader in) {
        this(env, terminal, in, Dsreg::create);
    }

    /** With the dsreg that {@code dsregs} makes of the settings (a test's, wired to stop at a step). */
    DsregCommand(Map<String, String> env, boolean terminal, BufferedReader in, Function<DsregSettings, Dsreg> dsregs) {
        this.env = env;
        this.terminal = terminal;
        this.in = in;
        this.dsregs = dsregs;
    }

    boolean debug() {
        return debug;
    }

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        return run(Actions.chosen(actions), cl.getOut(), cl.getErr());
    }

    /** Runs {@code action} with these options (read by picocli, or by {@link StatusArgs}); returns the exit code. */
    int run(ActionOptions action, PrintWriter out, PrintWriter err) throws IOException {
        UsageChecks.check(action, tenant, json, format, signIn);
        Invocation invocation = new Invocation(out, err, in, terminal, env,
                Style.of(terminal, noColor, env.get("NO_COLOR")),
                json ? Format.json : format == null ? Format.text : format, tenant, signIn);
        try (Dsreg dsreg = dsregs.apply(settings())) {
            return action.run(dsreg, invocation);
        }
    }

    DsregSettings settings() {
        DsregSettings s = DsregSettings.fromEnvironment(env);
        s = root == null ? s : s.withRoot(root);
        s = stateDir == null ? s : s.withStateDir(stateDir);
        s = timeout == null ? s : s.withTimeout(timeout).withNetworkTimeout(timeout);
        s = tpmTcti == null ? s : s.withTpmTcti(tpmTcti);
        s = proxyOptions.apply(s);
        if (drsUrl != null || trustCa != null) {
            s = s.withDrs(drsUrl == null ? s.drsUrl() : drsUrl, Optional.ofNullable(trustCa));
        }
        return s;
    }
}
