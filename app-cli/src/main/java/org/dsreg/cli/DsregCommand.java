package org.dsreg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.dsreg.domain.DeviceStatus;
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
            "  NO_COLOR         when set and not empty, no colour"})
final class DsregCommand implements Callable<Integer> {

    @Option(names = "--status", description = "Display device registration status (default).")
    boolean status;

    @Option(names = "--tenant-id", paramLabel = "GUID", converter = TenantIdConverter.class,
            description = "Only the registration with this tenant.")
    TenantId tenantId;

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
        Dsreg dsreg = Dsreg.create(settings());
        DeviceStatus result = tenantId == null ? dsreg.status() : dsreg.status(tenantId);
        var out = spec.commandLine().getOut();
        if (json) {
            new JsonRenderer().render(result, out);
        } else {
            new TextRenderer(Style.of(terminal, noColor, env.get("NO_COLOR"))).render(result, out);
        }
        return 0;
    }

    DsregSettings settings() {
        DsregSettings s = DsregSettings.fromEnvironment(env);
        return stateDir == null ? s : s.withStateDir(stateDir);
    }

    /** A tenant id option value; a malformed one is a one-line usage error (exit 1). */
    static final class TenantIdConverter implements CommandLine.ITypeConverter<TenantId> {
        @Override
        public TenantId convert(String value) {
            try {
                return TenantId.parse(value);
            } catch (org.dsreg.domain.DsregException e) {
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
