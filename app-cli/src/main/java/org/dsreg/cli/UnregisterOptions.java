package org.dsreg.cli;

import org.dsreg.embed.Dsreg;
import picocli.CommandLine.Option;

/** {@code --unregister} (or {@code --leave}): no option of its own; the tenant is the shared {@code --tenant-id}. */
final class UnregisterOptions implements ActionOptions {
    @Option(names = {"--unregister", "--leave"}, required = true,
            description = "Unregister this device from the tenant of --tenant-id: delete it at DRS, then its keys"
                    + " and registration here.")
    boolean unregister;

    @Override
    public String flag() {
        return "--unregister";
    }

    @Override
    public int run(Dsreg dsreg, Invocation i) {
        return new UnregisterAction(i.out(), i.err()).run(dsreg, i.tenantGuid().orElseThrow());
    }
}
