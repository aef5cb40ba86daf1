package org.dsreg.port.out;

import org.dsreg.domain.ErrorKind;

/**
 * DRS says it has no such device (HTTP 404, or ErrorType {@code DeviceNotFound}), on a connection
 * whose TLS handshake completed with the device's own certificate: the answer is about this device,
 * not a stranger's guess. An administrator deleted the device, or an earlier unregistration was
 * interrupted after DRS deleted it.
 */
public class DeviceNotFoundException extends DrsException {
    private static final long serialVersionUID = 1L;

    public DeviceNotFoundException(ErrorKind kind, String message, int httpStatus, String errorType, String traceId) {
        super(kind, message, httpStatus, errorType, traceId, null);
    }
}
