package org.dsreg.cli;

import java.net.URI;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.embed.Dsreg;
import picocli.CommandLine.Option;

/** {@code --status} and {@code --diagnose} (either or both): the status, and with {@code --diagnose} the diagnostics. */
final class StatusOptions implements ActionOptions {
    @Option(names = "--status", description = "Display device registration status (default).")
    boolean status;

    @Option(names = "--diagnose",
            description = "Show the status and run the diagnostics: DRS discovery, connectivity, clock skew, token"
                    + " acquisition, proxy; KeySignTest, certificate validity, device key, DeviceAuthStatus; PRT"
                    + " tests; Device Management (Microsoft Graph: enabled, managed, compliant, OS version); the"
                    + " Intune agent (installed, its user timer and service). Makes network requests.")
    boolean diagnose;

    @Option(names = "--graph-url", paramLabel = "URL", converter = OptionValues.UriConverter.class,
            description = "With --diagnose: Microsoft Graph's base URL for Device Management (default:"
                    + " https://graph.microsoft.com; in a national cloud, its own Graph endpoint, such as"
                    + " https://graph.microsoft.us). Only Microsoft Graph's hosts, or the host of the tenant's own"
                    + " device registration service (a test's emulator), get the Graph token: any other is exit 1.")
    URI graphUrl;

    @Override
    public String flag() {
        return diagnose ? "--diagnose" : "--status";
    }

    /** {@code --graph-url} goes with {@code --diagnose}, and is an https URL with a host (a usage error otherwise). */
    void check() {
        if (graphUrl == null) {
            return;
        }
        if (!diagnose) {
            throw DsregException.invalidArgument("--graph-url goes with --diagnose");
        }
        if (!"https".equalsIgnoreCase(graphUrl.getScheme()) || graphUrl.getHost() == null) {
            throw DsregException.invalidArgument("--graph-url must be an https URL with a host: " + graphUrl);
        }
    }

    @Override
    public int run(Dsreg dsreg, Invocation i) {
        return new StatusAction(i.out(), i.err(), StatusRenderer.of(i.format(), i.style()))
                .run(dsreg, i.tenantGuid(), diagnose, Optional.ofNullable(graphUrl));
    }
}
