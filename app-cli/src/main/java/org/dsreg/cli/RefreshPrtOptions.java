package org.dsreg.cli;

import org.dsreg.domain.TenantId;
import org.dsreg.embed.Dsreg;
import org.dsreg.embed.RefreshPrtRequest;
import org.dsreg.embed.TokenSource;
import picocli.CommandLine.Option;

/**
 * {@code --refreshprt --tenant-id GUID [--token-source SOURCE] [--account UPN]} (the last two shared:
 * {@link SignInOptions}).
 */
final class RefreshPrtOptions implements ActionOptions {
    @Option(names = "--refreshprt", required = true,
            description = "Acquire a Primary Refresh Token for dsreg's registration with --tenant-id (a first one by"
                    + " sign-in), or renew the one kept. As root.")
    boolean refreshPrt;

    @Override
    public String flag() {
        return "--refreshprt";
    }

    @Override
    public int run(Dsreg dsreg, Invocation i) {
        TokenSource source = TokenSource.parse(i.tokenSource().orElse("device-code")); // which ones: the use case's
        // a source named on the command line asks for a sign-in, even where a PRT is kept (one revoked, say)
        RefreshPrtRequest request = new RefreshPrtRequest(TenantId.parse(i.tenant()), source, i.account(),
                i.tokenSource().isPresent());
        return new RefreshPrtAction(i.out(), i.err(), i.json()).run(dsreg, request);
    }
}
