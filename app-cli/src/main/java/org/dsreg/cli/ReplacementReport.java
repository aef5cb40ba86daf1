package org.dsreg.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.dsreg.domain.Registration;
import org.dsreg.domain.Replacement;

/**
 * What {@code --repair} and {@code --rekey} print: on stdout one line (or one JSON object) of what was done, each
 * warning on stderr as {@code dsreg: warning: ...}. Never a key or token.
 */
final class ReplacementReport {
    private ReplacementReport() {
    }

    static int print(PrintWriter out, PrintWriter err, boolean json, String action, Replacement r) {
        Registration before = r.previous();
        if (json) {
            ObjectNode n = ActionJson.object();
            n.put("action", action);
            n.put("tenantId", before.tenantId().toString());
            n.put("replaced", r.next().isPresent());
            n.put("reason", r.reason());
            n.put("previousDeviceId", before.deviceId().toString());
            n.put("previousKeyStorage", before.deviceKey().storage());
            n.put("previousDeletedAtDrs", r.previousDeletedAtDrs());
            n.put("prtsRemoved", r.prtsRemoved());
            r.next().ifPresent(next -> n.set("registration", ActionJson.joinedNode(next)));
            r.warnings().forEach(n.withArray("warnings")::add);
            out.println(n);
        } else if (r.next().isEmpty()) {
            out.println("Nothing to repair: " + r.reason() + ".");
        } else {
            Registration next = r.next().get();
            out.println((action.equals("repair") ? "Repaired" : "Rekeyed") + " the registration with tenant "
                    + before.tenantId() + " (" + r.reason() + "): device " + before.deviceId() + " (key storage "
                    + before.deviceKey().storage() + ") is replaced by device " + next.deviceId() + " (key storage "
                    + next.deviceKey().storage() + "), certificate " + next.certificate().thumbprint()
                    + (r.previousDeletedAtDrs() ? "; the previous device is deleted at DRS." : "."));
        }
        if (!json) {
            r.warnings().forEach(w -> err.println("dsreg: warning: " + w));
            if (r.prtsRemoved()) {
                err.println("dsreg: warning: the PRTs of tenant " + before.tenantId() + " named the previous device"
                        + " and were removed; run dsreg --refreshprt --tenant-id " + before.tenantId()
                        + " for a new one");
            }
        }
        return 0;
    }
}
