package org.dsreg.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.TenantId;
import org.dsreg.embed.Dsreg;

/** {@code --getdrstoken}: the token alone on stdout (the one secret dsreg ever prints, because it was asked to). */
final class DrsTokenAction {
    private final PrintWriter out;
    private final boolean json;

    DrsTokenAction(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    int run(Dsreg dsreg, Optional<TenantId> tenant, Optional<String> account) {
        AccessToken token = dsreg.drsToken(tenant, account);
        out.println(json ? ActionJson.drsToken(token) : token.token());
        return 0;
    }
}
