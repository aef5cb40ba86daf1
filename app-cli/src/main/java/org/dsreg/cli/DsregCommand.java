package org.dsreg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.BrokerInfo;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.TenantId;
import org.dsreg.embed.Dsreg;
import org.dsreg.embed.DsregSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dsreg}: the options of Microsoft's Linux dsreg, and more. */
@Command(name = "dsreg",
        mixinStandardHelpOptions = true,
        versionProvider = DsregCommand.Version.class,
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
            "  NO_COLOR         when set and not empty, no colour"})
final class DsregCommand implements Callable<Integer> {

    @Option(names = "--status", description = "Display device registration status (default).")
    boolean status;

    @Option(names = "--getdrstoken",
            description = "Acquire a DRS access token through the identity broker and print it alone.")
    boolean getDrsToken;

    @Option(names = "--tenant-id", paramLabel = "GUID", converter = TenantIdConverter.class,
            description = "Only the registration (or, with --getdrstoken, the account) of this tenant.")
    TenantId tenantId;

    @Option(names = "--account", paramLabel = "UPN",
            description = "With --getdrstoken: the broker account to use when it holds several.")
    String account;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = TimeoutConverter.class,
            description = "How long broker queries may take in total (default: 5).")
    Duration timeout;

    @Option(names = "--json", description = "Output one JSON document (schema: docs/status.schema.json).")
    boolean json;

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

    DsregCommand(Map<String, String> env, boolean terminal) {
        this.env = env;
        this.terminal = terminal;
    }

    boolean debug() {
        return debug;
    }

    @Override
    public Integer call() {
        if (status && getDrsToken) {
            throw DsregException.invalidArgument("--status and --getdrstoken cannot be used together");
        }
        if (account != null && !getDrsToken) {
            throw DsregException.invalidArgument("--account goes with --getdrstoken");
        }
        try (Dsreg dsreg = Dsreg.create(settings())) {
            return getDrsToken ? drsToken(dsreg) : status(dsreg);
        }
    }

    private int status(Dsreg dsreg) {
        DeviceStatus result = tenantId == null ? dsreg.status() : dsreg.status(tenantId);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            new JsonRenderer().render(result, out);
        } else {
            new TextRenderer(Style.of(terminal, noColor, env.get("NO_COLOR"))).render(result, out);
        }
        out.flush();
        Optional<ErrorKind> failure = result.failure();
        if (failure.isEmpty()) {
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        BrokerInfo b = result.broker();
        if (failure.get() == ErrorKind.NOT_AVAILABLE) {
            boolean user = b.userBroker() instanceof BrokerConnection.Unreachable;
            err.println("dsreg: Failed to get broker instance: " + Cli.oneLine(BrokerSections.connection(
                    user ? b.userBroker() : b.deviceBroker())));
            String scope = user ? "systemctl --user" : "systemctl";
            String unit = user ? "microsoft-identity-broker" : "microsoft-identity-device-broker";
            err.println("Hint: check if the broker is running: " + scope + " status " + unit);
            err.println("Hint: start the broker if needed: " + scope + " start " + unit);
        } else {
            err.println("dsreg: the identity broker answered a query with an error; see the output above");
        }
        return failure.get().exitCode();
    }

    private int drsToken(Dsreg dsreg) {
        AccessToken token = dsreg.drsToken(Optional.ofNullable(tenantId), Optional.ofNullable(account));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = new ObjectMapper().createObjectNode();
            n.put("accessToken", token.token());
            if (token.expiresOn().isPresent()) {
                n.put("expiresOn", token.expiresOn().get().toString());
            } else {
                n.putNull("expiresOn");
            }
            out.println(n.toString());
        } else {
            out.println(token.token());
        }
        return 0;
    }

    DsregSettings settings() {
        DsregSettings s = DsregSettings.fromEnvironment(env);
        s = stateDir == null ? s : s.withStateDir(stateDir);
        return timeout == null ? s : s.withTimeout(timeout);
    }

    /** Seconds, a positive number up to 600 (fractions allowed). */
    static final class TimeoutConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            double seconds;
            try {
                seconds = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number of seconds");
            }
            if (!(seconds > 0 && seconds <= 600)) {
                throw new CommandLine.TypeConversionException("the timeout must be more than 0 and at most 600 seconds");
            }
            return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
        }
    }

    /** A tenant id option value; a malformed one is a one-line usage error (exit 1). */
    static final class TenantIdConverter implements CommandLine.ITypeConverter<TenantId> {
        @Override
        public TenantId convert(String value) {
            try {
                return TenantId.parse(value);
            } catch (DsregException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = DsregCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"dsreg " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
