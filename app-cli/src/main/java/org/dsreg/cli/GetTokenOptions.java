package org.dsreg.cli;

import org.dsreg.domain.TenantId;
import org.dsreg.embed.AccessTokenRequest;
import org.dsreg.embed.Dsreg;
import picocli.CommandLine.Option;

/** {@code --gettoken --tenant-id GUID --client-id ID --scope SCOPE [--account UPN]}. */
final class GetTokenOptions implements ActionOptions {
    @Option(names = "--gettoken", required = true,
            description = "Print an access token obtained through dsreg's PRT for --tenant-id (as root).")
    boolean getToken;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "With --gettoken: the application (client) id the token is for.")
    String clientId;

    @Option(names = "--scope", paramLabel = "SCOPE",
            description = "With --gettoken: the scope, such as https://graph.microsoft.com/.default.")
    String scope;

    @Override
    public String flag() {
        return "--gettoken";
    }

    @Override
    public int run(Dsreg dsreg, Invocation i) {
        if (clientId == null || scope == null) {
            throw org.dsreg.domain.DsregException.invalidArgument("--gettoken needs --client-id and --scope");
        }
        AccessTokenRequest request = new AccessTokenRequest(TenantId.parse(i.tenant()), clientId, scope, i.account());
        return new GetTokenAction(i.out(), i.json()).run(dsreg, request);
    }
}
