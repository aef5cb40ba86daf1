package org.dsreg.cli;

import java.io.PrintWriter;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.Registration;
import org.dsreg.embed.Dsreg;
import org.dsreg.embed.JoinRequest;

/** {@code --join}: prompts (the device code) on stderr as they come, the registration made on stdout. */
final class JoinAction {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    JoinAction(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    int run(Dsreg dsreg, JoinRequest request) {
        Registration r = dsreg.join(request, message -> {
            err.println(message);
            err.flush();
        });
        if (json) {
            out.println(ActionJson.joined(r));
        } else {
            out.println((request.joinType() == JoinType.JOINED ? "Joined" : "Registered") + " tenant " + r.tenantId()
                    + r.tenantDetails().tenantName().map(n -> " (" + n + ")").orElse("") + " as device "
                    + r.deviceId() + ", certificate " + r.certificate().thumbprint() + ".");
        }
        return 0;
    }
}
