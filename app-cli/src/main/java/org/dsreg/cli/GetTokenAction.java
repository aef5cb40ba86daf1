package org.dsreg.cli;

import java.io.PrintWriter;
import org.dsreg.embed.AccessTokenRequest;
import org.dsreg.embed.Dsreg;
import org.dsreg.embed.IssuedToken;

/** {@code --gettoken}: the token alone on stdout, as {@code --getdrstoken} prints its own. */
final class GetTokenAction {
    private final PrintWriter out;
    private final boolean json;

    GetTokenAction(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    int run(Dsreg dsreg, AccessTokenRequest request) {
        IssuedToken t = dsreg.accessToken(request);
        out.println(json ? ActionJson.issuedToken(t, request.scope()) : t.token().token());
        return 0;
    }
}
