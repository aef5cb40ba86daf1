package org.dsreg.cli;

import java.io.PrintWriter;
import org.dsreg.embed.Dsreg;
import org.dsreg.embed.IdentityRequest;

/** {@code --repair}: the device code prompt on stderr as it comes; what was repaired (or why not) on stdout. */
final class RepairAction {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    RepairAction(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    int run(Dsreg dsreg, IdentityRequest request) {
        return ReplacementReport.print(out, err, json, "repair", dsreg.repair(request, message -> {
            err.println(message);
            err.flush();
        }));
    }
}
