package org.dsreg.cli;

import java.util.Optional;
import org.dsreg.embed.Dsreg;
import picocli.CommandLine.Option;

/** {@code --getdrstoken [--account UPN]} ({@code --account} is shared: {@link SignInOptions}). */
final class DrsTokenOptions implements ActionOptions {
    @Option(names = "--getdrstoken", required = true,
            description = "Acquire a DRS access token through the identity broker and print it alone.")
    boolean getDrsToken;

    @Override
    public String flag() {
        return "--getdrstoken";
    }

    @Override
    public int run(Dsreg dsreg, Invocation i) {
        return new DrsTokenAction(i.out(), i.json()).run(dsreg, i.tenantGuid(), i.account());
    }
}
