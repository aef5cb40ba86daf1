package org.dsreg.cli;

import org.dsreg.embed.Dsreg;
import org.dsreg.embed.IdentityRequest;
import org.dsreg.embed.TokenSource;
import picocli.CommandLine.Option;

/** {@code --repair} (or {@code --forcerecovery}, dsregcmd's name) {@code --tenant-id GUID [--token-source SOURCE]}. */
final class RepairOptions implements ActionOptions {
    @Option(names = {"--repair", "--forcerecovery"}, required = true,
            description = "Join again, with the same join type, device mode, display name and key storage, when the"
                    + " registration with --tenant-id no longer works: DRS no longer has the device, its certificate"
                    + " has expired or expires within 30 days, or its key is gone. The new identity is saved once"
                    + " DRS has verified it; then the old keys go. A healthy device is left as it is (exit 0); a"
                    + " disabled one is refused (exit 3). As root.")
    boolean repair;

    @Override
    public String flag() {
        return "--repair";
    }

    @Override
    public int run(Dsreg dsreg, Invocation i) {
        IdentityRequest request = IdentityRequest.repair(i.tenantGuid().orElseThrow(),
                TokenSource.parse(i.tokenSource().orElse("device-code"))).forced(i.force());
        return new RepairAction(i.out(), i.err(), i.json()).run(dsreg, request);
    }
}
