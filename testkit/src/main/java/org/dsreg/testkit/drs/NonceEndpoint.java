package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.EmulatorState.map;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /EnrollmentServer/nonce/{tenantIdOrDomain}/?api-version=1.0}: {@code {"ReponseStatus":{…},"Value":…}}
 * (MS-DRS 3.2, the misspelling included). MS-DRS lists no request headers; libhimmelblau sends its DRS bearer token
 * and the emulator neither requires nor checks one.
 */
final class NonceEndpoint {
    private static final DateTimeFormatter NONCE_TIME =
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

    private final EmulatorState state;

    NonceEndpoint(EmulatorState state) {
        this.state = state;
    }

    EmulatorResponse serve(String tenant, EmulatorRequest request) throws DrsError {
        EmulatorState.requireApiVersion(request, Set.of("1.0"), "1.0");
        state.requireTenant(tenant);
        String nonce = state.randomToken(32);
        synchronized (state.lock) {
            state.nonces.put(nonce, Instant.now());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ReponseStatus", map(
                "traceId", UUID.randomUUID().toString(),
                "message", "Successful",
                "time", NONCE_TIME.format(Instant.now())));
        body.put("Value", nonce);
        return new EmulatorResponse(200, state.bytes(body));
    }
}
