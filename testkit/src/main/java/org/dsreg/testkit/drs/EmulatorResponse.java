package org.dsreg.testkit.drs;

import java.util.Map;

/**
 * An answer ready to send.
 *
 * @param status  the HTTP status
 * @param body    the body (JSON when not empty)
 * @param headers extra headers
 */
record EmulatorResponse(int status, byte[] body, Map<String, String> headers) {
    EmulatorResponse(int status, byte[] body) {
        this(status, body, Map.of());
    }
}
