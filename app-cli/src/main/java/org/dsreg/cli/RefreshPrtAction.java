package org.dsreg.cli;

import java.io.PrintWriter;
import org.dsreg.domain.DsregPrt;
import org.dsreg.embed.Dsreg;
import org.dsreg.embed.RefreshPrtRequest;
import org.dsreg.embed.RefreshedPrt;

/** {@code --refreshprt}: the device code prompt on stderr as it comes; what was done on stdout, never the PRT. */
final class RefreshPrtAction {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    RefreshPrtAction(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    int run(Dsreg dsreg, RefreshPrtRequest request) {
        RefreshedPrt r = dsreg.refreshPrt(request, message -> {
            err.println(message);
            err.flush();
        });
        DsregPrt p = r.prt();
        if (json) {
            out.println(ActionJson.refreshedPrt(r));
        } else {
            out.println((r.acquired() ? "Acquired a PRT" : "Renewed the PRT") + " of " + p.upn() + " for tenant "
                    + p.tenantId() + p.expiresOn().map(e -> ", valid until " + e).orElse("")
                    + "; session key protection: " + p.sessionKeyProtection() + ".");
        }
        return 0;
    }
}
