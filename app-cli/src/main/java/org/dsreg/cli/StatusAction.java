package org.dsreg.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.BrokerInfo;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.TenantId;
import org.dsreg.embed.Dsreg;

/**
 * {@code --status} and {@code --diagnose}: the status (and the diagnostics) in the chosen format on stdout, then,
 * when the query failed, the seed's error line and hints on stderr; the exit code from how it ended.
 */
final class StatusAction {
    private final PrintWriter out;
    private final PrintWriter err;
    private final StatusRenderer renderer;

    StatusAction(PrintWriter out, PrintWriter err, StatusRenderer renderer) {
        this.out = out;
        this.err = err;
        this.renderer = renderer;
    }

    /** {@code graphUrl}: Microsoft Graph's base URL for the diagnostics' Device Management (else the global one). */
    int run(Dsreg dsreg, Optional<TenantId> tenantId, boolean diagnose, Optional<java.net.URI> graphUrl) {
        DeviceStatus result = tenantId.isEmpty() ? dsreg.status() : dsreg.status(tenantId.get());
        Diagnostics diagnostics = !diagnose ? null
                : graphUrl.isPresent() ? dsreg.diagnose(tenantId, graphUrl.get()) : dsreg.diagnose(tenantId);
        renderer.render(result, diagnostics, out);
        out.flush();
        Optional<ErrorKind> failure = result.failure();
        if (failure.isEmpty()) {
            return 0;
        }
        BrokerInfo b = result.broker();
        if (failure.get() == ErrorKind.NOT_AVAILABLE) {
            brokerNotAvailable(b);
        } else if (!result.corrupt().isEmpty()) {
            result.corrupt().forEach(c -> err.println("dsreg: registration file " + c.file() + " is corrupt: "
                    + Cli.oneLine(c.reason())));
        } else {
            err.println("dsreg: the identity broker answered a query with an error; see the output above");
        }
        return failure.get().exitCode();
    }

    private void brokerNotAvailable(BrokerInfo b) {
        boolean user = DeviceStatus.unavailable(b.userBroker());
        BrokerConnection c = user ? b.userBroker() : b.deviceBroker();
        err.println("dsreg: Failed to get broker instance: " + Cli.oneLine(BrokerSections.connection(c)));
        String scope = user ? "systemctl --user" : "systemctl";
        String unit = user ? "microsoft-identity-broker" : "microsoft-identity-device-broker";
        if (c instanceof BrokerConnection.Starting) {
            err.println("Hint: the broker is starting: run dsreg again, or allow it longer with --timeout");
        } else {
            err.println("Hint: check if the broker is running: " + scope + " status " + unit);
            err.println("Hint: start the broker if needed: " + scope + " start " + unit);
        }
    }
}
