package org.dsreg.cli;

import java.io.PrintWriter;
import org.dsreg.embed.Dsreg;
import org.dsreg.embed.IdentityRequest;

/** {@code --rekey}: the device code prompt on stderr as it comes; the identity moved on stdout. */
final class RekeyAction {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    RekeyAction(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    int run(Dsreg dsreg, IdentityRequest request) {
        return ReplacementReport.print(out, err, json, "rekey", dsreg.rekey(request, message -> {
            err.println(message);
            err.flush();
        }));
    }
}
