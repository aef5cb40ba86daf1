package org.dsreg.cli;

import java.io.PrintWriter;
import org.dsreg.domain.Registration;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Unregistration;
import org.dsreg.embed.Dsreg;

/** {@code --unregister}: what was removed, and whether DRS had already deleted the device. */
final class UnregisterAction {
    private final PrintWriter out;
    private final PrintWriter err;

    UnregisterAction(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    int run(Dsreg dsreg, TenantId tenant) {
        Unregistration u = dsreg.unregister(tenant);
        Registration r = u.registration();
        if (u.alreadyDeletedAtDrs()) {
            out.println("DRS had already deleted device " + r.deviceId() + " (tenant " + r.tenantId() + ").");
        }
        out.println("Unregistered device " + r.deviceId() + " from tenant " + r.tenantId()
                + "; its keys and registration are removed.");
        u.prtsLeft().ifPresent(why -> err.println("dsreg: warning: the PRT files of tenant " + r.tenantId()
                + " were not removed: " + why));
        return 0;
    }
}
