package org.dsreg.port.in;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.TenantId;

/**
 * Run the diagnostics for one tenant, or for every tenant this device is registered with; {@code graphUrl}, the base
 * URL of Microsoft Graph the Device Management sections ask (https; national clouds have their own).
 */
public record DiagnoseCommand(Optional<TenantId> tenant, URI graphUrl) {
    /** Microsoft Graph in Microsoft's global cloud. */
    public static final URI DEFAULT_GRAPH_URL = URI.create("https://graph.microsoft.com");

    public DiagnoseCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(graphUrl, "graphUrl");
        if (!"https".equalsIgnoreCase(graphUrl.getScheme()) || graphUrl.getHost() == null) {
            throw DsregException.invalidArgument("the Graph URL must be an https URL with a host: " + graphUrl);
        }
    }

    /** The diagnostics with Microsoft Graph of the global cloud. */
    public DiagnoseCommand(Optional<TenantId> tenant) {
        this(tenant, DEFAULT_GRAPH_URL);
    }
}
