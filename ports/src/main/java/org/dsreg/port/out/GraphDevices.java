package org.dsreg.port.out;

import java.net.URI;
import java.util.Optional;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceManagement;

/**
 * Microsoft Graph's devices: the management state Entra records for a device, read with a delegated access token
 * for Graph ({@code GET /v1.0/devices?$filter=deviceId eq '…'}, only the fields {@link DeviceManagement} holds).
 */
public interface GraphDevices {
    /** Microsoft Graph's application id: the resource a token for Graph is asked for, in every cloud. */
    String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

    /**
     * The device whose device id is {@code deviceId}, as Graph at {@code graphBase} (the https base, such as
     * {@code https://graph.microsoft.com}) knows it; empty when Graph has none.
     *
     * @throws GraphException when Graph refuses the request (with its status and error code) or cannot be reached
     */
    Optional<DeviceManagement> device(URI graphBase, AccessToken token, DeviceId deviceId);
}
