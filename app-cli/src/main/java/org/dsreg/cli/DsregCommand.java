package org.dsreg.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.TenantRef;
import org.dsreg.embed.Dsreg;
import org.dsreg.embed.DsregSettings;
import org.dsreg.embed.JoinRequest;
import org.dsreg.embed.TokenSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dsreg}: the options of Microsoft's Linux dsreg, and more. */
@Command(name = "dsreg",
        mixinStandardHelpOptions = true,
        versionProvider = OptionValues.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Show and manage this device's Microsoft Entra ID registration.",
            "Without an action, --status is shown."},
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

    @Option(names = "--status", description = "Display device registration status (default).")
    boolean status;

    @Option(names = "--getdrstoken",
            description = "Acquire a DRS access token through the identity broker and print it alone.")
    boolean getDrsToken;

    @Option(names = "--join", description = "Join (or register) this device with the tenant of --tenant-id.")
    boolean join;

    @Option(names = {"--unregister", "--leave"},
            description = "Unregister this device from the tenant of --tenant-id: delete it at DRS, then its keys"
                    + " and registration here.")
    boolean unregister;

    @Option(names = "--tenant-id", paramLabel = "GUID", converter = OptionValues.TenantConverter.class,
            description = "The tenant: for --status, only its registration; for --getdrstoken, its account;"
                    + " for --join, a GUID or a verified domain name.")
    String tenant;

    @Option(names = "--join-type", paramLabel = "join|register",
            description = "With --join: Microsoft Entra join (default) or registration (workplace join).")
    String joinType;

    @Option(names = "--device-mode", paramLabel = "shared|exclusive",
            description = "With --join: a device shared by several users, or one user's (exclusive, the default);"
                    + " shared is a join only.")
    DeviceMode deviceMode;

    @Option(names = "--device-name", paramLabel = "NAME",
            description = "With --join: the device's display name (default: the host name).")
    String deviceName;

    @Option(names = "--token-source", paramLabel = "SOURCE",
            description = "With --join: where the DRS token comes from: device-code (default), broker, or file:PATH.")
    String tokenSource;

    @Option(names = "--key-storage", paramLabel = "NAME",
            description = "With --join: where the device keys are kept: software (default), tpm, or another backend"
                    + " (see --list-key-storages).")
    String keyStorage;

    @Option(names = "--cleanup",
            description = "Clean local broker state after confirmation: phase 1 (always) the user's broker accounts"
                    + " and caches; phase 2 (root only) device keys and certificates (drs_*, stk_*), the device"
                    + " broker's data and dsreg's own state. Never follows a link; never unregisters the device."
                    + " With --json, the plan or report as one JSON document.")
    boolean cleanup;

    @Option(names = "--dry-run", description = "With --cleanup: print what would be removed, stopped and why; change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "With --cleanup: confirm without asking (for automation).")
    boolean yes;

    @Option(names = "--system", description = "With --cleanup: phase 2 is required; without root, exit 4 before anything.")
    boolean system;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Prefix for every system path dsreg reads or cleans (default: $DSREG_ROOT, else /). With"
                    + " --cleanup, a root other than / confines the run: HOME is taken under it, no link below it is"
                    + " followed, and the broker's accounts and the device broker's service are skipped.")
    Path root;

    @Option(names = "--list-key-storages",
            description = "List the key-storage backends dsreg sees, their capabilities, and whether each is usable.")
    boolean listKeyStorages;

    @Option(names = "--tpm-tcti", paramLabel = "TCTI",
            description = "The TPM backend's TCTI (default: device:/dev/tpmrm0; for a simulator:"
                    + " swtpm:host=127.0.0.1,port=2321).")
    String tpmTcti;

    @Option(names = "--drs-url", paramLabel = "URL",
            description = "The DRS discovery base URL (default: https://enterpriseregistration.windows.net).")
    java.net.URI drsUrl;

    @Option(names = "--trust-ca", paramLabel = "PEM",
            description = "Also trust the CAs in this PEM file for DRS (TLS is always verified).")
    Path trustCa;

    @CommandLine.Mixin
    ProxyOptions proxyOptions = new ProxyOptions();

    @Option(names = "--account", paramLabel = "UPN",
            description = "With --getdrstoken: the broker account to use when it holds several.")
    String account;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = OptionValues.TimeoutConverter.class,
            description = "How long to wait for the brokers (--status waits this long in total; default: 5)"
                    + " and for one network request (default: 30).")
    Duration timeout;

    @Option(names = "--json", description = "Output one JSON document (schema: docs/status.schema.json);"
            + " the same as --format json.")
    boolean json;

    /** The output formats of --status and --diagnose. */
    enum Format { text, dsregcmd, json, prometheus }

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format: text (default), dsregcmd (the Windows dsregcmd /status layout), json,"
                    + " or prometheus (a node_exporter textfile).")
    Format format;

    @Option(names = "--diagnose",
            description = "Show the status and run the diagnostics: DRS discovery, connectivity, clock skew, token"
                    + " acquisition, proxy; KeySignTest, certificate validity, device key, DeviceAuthStatus."
                    + " Makes network requests.")
    boolean diagnose;

    @Option(names = "--no-color", description = "Never colour the output.")
    boolean noColor;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "dsreg's state directory (default: $DSREG_STATE_DIR, else /var/lib/dsreg).")
    Path stateDir;

    @Option(names = "--debug", description = "On failure, also print the stack trace.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;
    private final boolean terminal;
    private final java.io.BufferedReader in;

    DsregCommand(Map<String, String> env, boolean terminal, java.io.BufferedReader in) {
        this.env = env;
        this.terminal = terminal;
        this.in = in;
    }

    boolean debug() {
        return debug;
    }

    @Override
    public Integer call() throws IOException {
        long actions = java.util.stream.Stream.of(status, getDrsToken, join, unregister, listKeyStorages, cleanup,
                diagnose).filter(b -> b).count();
        if (actions > 1 && !(actions == 2 && status && diagnose)) {
            throw DsregException.invalidArgument("choose one of --status (or --diagnose), --getdrstoken, --join,"
                    + " --unregister, --cleanup and --list-key-storages");
        }
        if (json && format != null && format != Format.json) {
            throw DsregException.invalidArgument("--json and --format " + format + " disagree");
        }
        if (!cleanup && (dryRun || yes || system)) {
            throw DsregException.invalidArgument("--dry-run, --yes and --system go with --cleanup");
        }
        if (account != null && !getDrsToken) {
            throw DsregException.invalidArgument("--account goes with --getdrstoken");
        }
        if (!join && (joinType != null || deviceMode != null || deviceName != null || tokenSource != null
                || keyStorage != null)) {
            throw DsregException.invalidArgument("--join-type, --device-mode, --device-name, --token-source and"
                    + " --key-storage go with --join");
        }
        if ((join || unregister) && tenant == null) {
            throw DsregException.invalidArgument((join ? "--join" : "--unregister") + " needs --tenant-id");
        }
        try (Dsreg dsreg = Dsreg.create(settings())) {
            if (join) {
                return join(dsreg);
            }
            if (unregister) {
                return unregister(dsreg);
            }
            if (listKeyStorages) {
                return listKeyStorages(dsreg);
            }
            if (cleanup) {
                return cleanup(dsreg);
            }
            return getDrsToken ? drsToken(dsreg) : status(dsreg);
        }
    }

    /** The tenant option as a GUID, for the actions that take only a GUID. */
    private Optional<TenantId> tenantGuid(String action) {
        if (tenant == null) {
            return Optional.empty();
        }
        if (!TenantId.looksLikeGuid(tenant)) {
            throw DsregException.invalidArgument(action + " needs the tenant id (a GUID), not '" + tenant + "'");
        }
        return Optional.of(TenantId.parse(tenant));
    }

    private int join(Dsreg dsreg) {
        JoinType type = switch (joinType == null ? "join" : joinType) {
            case "join" -> JoinType.JOINED;
            case "register" -> JoinType.REGISTERED;
            default -> throw DsregException.invalidArgument("--join-type is join or register, not '" + joinType + "'");
        };
        JoinRequest request = new JoinRequest(TenantRef.parse(tenant), type, Optional.ofNullable(deviceName),
                TokenSource.parse(tokenSource == null ? "device-code" : tokenSource),
                keyStorage == null ? "software" : keyStorage, deviceMode == null ? DeviceMode.EXCLUSIVE : deviceMode);
        return new JoinAction(out(), err(), json).run(dsreg, request);
    }

    private int cleanup(Dsreg dsreg) throws IOException {
        return new CleanupAction(dsreg, out(), err(), in, terminal, json || format == Format.json)
                .run(env.get("HOME"), system, dryRun, yes);
    }

    private int listKeyStorages(Dsreg dsreg) {
        return new ListKeyStoragesAction(out(), style(), json).run(dsreg);
    }

    private int unregister(Dsreg dsreg) {
        return new UnregisterAction(out()).run(dsreg, tenantGuid("--unregister").orElseThrow());
    }

    private int status(Dsreg dsreg) {
        Format f = json ? Format.json : format == null ? Format.text : format;
        return new StatusAction(out(), err(), StatusRenderer.of(f, style()))
                .run(dsreg, tenantGuid(diagnose ? "--diagnose" : "--status"), diagnose);
    }

    private int drsToken(Dsreg dsreg) {
        return new DrsTokenAction(out(), json).run(dsreg, tenantGuid("--getdrstoken"), Optional.ofNullable(account));
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private Style style() {
        return Style.of(terminal, noColor, env.get("NO_COLOR"));
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
