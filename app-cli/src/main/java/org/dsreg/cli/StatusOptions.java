package org.dsreg.cli;

import org.dsreg.embed.Dsreg;
import picocli.CommandLine.Option;

/** {@code --status} and {@code --diagnose} (either or both): the status, and with {@code --diagnose} the diagnostics. */
final class StatusOptions implements ActionOptions {
    @Option(names = "--status", description = "Display device registration status (default).")
    boolean status;

    @Option(names = "--diagnose",
            description = "Show the status and run the diagnostics: DRS discovery, connectivity, clock skew, token"
                    + " acquisition, proxy; KeySignTest, certificate validity, device key, DeviceAuthStatus; the"
                    + " Intune agent (installed, its user timer and service). Makes network requests.")
    boolean diagnose;

    @Override
    public String flag() {
        return diagnose ? "--diagnose" : "--status";
    }

    @Override
    public int run(Dsreg dsreg, Invocation i) {
        return new StatusAction(i.out(), i.err(), StatusRenderer.of(i.format(), i.style()))
                .run(dsreg, i.tenantGuid(), diagnose);
    }
}
