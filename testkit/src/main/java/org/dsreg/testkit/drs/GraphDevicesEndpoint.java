package org.dsreg.testkit.drs;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Graph's {@code GET /v1.0/devices[?$filter=deviceId eq '<id>'][&$select=a,b]} for the devices this
 * emulator registered (Graph v1.0 reference, "List devices" and the {@code device} resource):
 * <ul>
 *   <li>authenticated by an {@code Authorization: Bearer} access token this emulator signed, unexpired, for this
 *       tenant, with Graph's audience: {@value #GRAPH_RESOURCE} (a v1 token, what the PRT's access-token request
 *       for {@code https://graph.microsoft.com/.default} carries) or its application id {@value #GRAPH_APP_ID} (a
 *       v2 token); otherwise 401 {@code InvalidAuthenticationToken} ("Access token is empty." without one) with
 *       {@code WWW-Authenticate: Bearer};</li>
 *   <li>{@link DeviceAdmin#denyGraph(boolean)}: 403 {@code Authorization_RequestDenied} "Insufficient privileges to
 *       complete the operation.", Graph's answer to a token without a permission to read devices;</li>
 *   <li>{@code $filter}: {@code deviceId eq '<value>'} only (property name and value compared without regard to
 *       case, as directory strings are), else 400: {@code BadRequest} "Invalid filter clause" when it does not
 *       parse, {@code Request_UnsupportedQuery} for another property (Graph filters on more; the emulator does
 *       not need them); no {@code $filter}: every live device;</li>
 *   <li>{@code $select}: a comma-separated list of the properties below (any case; 400 {@code Request_BadRequest}
 *       "Could not find a property named '…' on type 'Microsoft.DirectoryServices.Device'." for another); each
 *       device then has exactly those properties, in Graph's names (Graph's answer for directory objects: the
 *       {@code users?$select=displayName} example of "Use query parameters" has no {@code id}); without
 *       {@code $select} every property below;</li>
 *   <li>the answer: {@code {"@odata.context":"<base>/v1.0/$metadata#devices[(<select>)]","value":[…]}}, deleted
 *       devices absent (Graph lists a deleted device under {@code directory/deletedItems} only), an unknown one
 *       giving an empty {@code value}; absent values as JSON {@code null}; date-times ISO 8601 UTC to the
 *       second.</li>
 * </ul>
 * Errors have Graph's shape: {@code {"error":{"code":…,"message":…,"innerError":{"date":…,"request-id":…,
 * "client-request-id":…}}}}, the {@code client-request-id} echoing the request's header when sent.
 */
final class GraphDevicesEndpoint {
    /** Microsoft Graph's resource URI, the {@code aud} of a v1 access token for it. */
    static final String GRAPH_RESOURCE = "https://graph.microsoft.com";
    /** Microsoft Graph's application id, the {@code aud} of a v2 access token for it. */
    static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    static final Set<String> AUDIENCES = Set.of(GRAPH_RESOURCE, GRAPH_RESOURCE + "/", GRAPH_APP_ID);
    /** The properties the emulator serves, in Graph's names and order of the default answer. */
    static final List<String> PROPERTIES = List.of("id", "deviceId", "displayName", "accountEnabled", "isManaged",
            "isCompliant", "trustType", "managementType", "mdmAppId", "complianceExpirationDateTime",
            "approximateLastSignInDateTime", "operatingSystem", "operatingSystemVersion", "registrationDateTime");
    private static final Pattern FILTER = Pattern.compile("\\s*(\\w+)\\s+eq\\s+'([^']*)'\\s*");

    private final EmulatorState state;
    private final DeviceAdmin admin;

    GraphDevicesEndpoint(EmulatorState state) {
        this.state = state;
        this.admin = new DeviceAdmin(state);
    }

    EmulatorResponse serve(EmulatorRequest request) {
        try {
            BearerAuthentication.claims(state, request.header("authorization"), AUDIENCES);
        } catch (IllegalArgumentException e) {
            String message = request.header("authorization") == null ? "Access token is empty."
                    : "Access token validation failure: " + e.getMessage();
            return error(state, 401, "InvalidAuthenticationToken", message, request);
        }
        if (state.graphDenied) {
            return error(state, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the"
                    + " operation.", request);
        }
        List<String> select;
        String deviceId;
        try {
            select = select(request.query().get("$select"));
            deviceId = filter(request.query().get("$filter"));
        } catch (GraphError e) {
            return error(state, 400, e.code, e.getMessage(), request);
        }
        List<Map<String, Object>> value = new ArrayList<>();
        synchronized (state.lock) {
            for (RegisteredDevice device : state.devices.values()) {
                if (!device.deleted() && (deviceId == null || device.deviceId().equalsIgnoreCase(deviceId))) {
                    value.add(properties(device, state.management.get(device.deviceId()), select));
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", state.baseUrl + "/v1.0/$metadata#devices"
                + (request.query().containsKey("$select") ? "(" + String.join(",", select) + ")" : ""));
        body.put("value", value);
        return new EmulatorResponse(200, state.bytes(body), Map.of("request-id", UUID.randomUUID().toString()));
    }

    private Map<String, Object> properties(RegisteredDevice device, ManagementState m, List<String> select) {
        ManagementState s = m != null ? m : ManagementState.joined(device);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", admin.objectId(device.deviceId()));
        all.put("deviceId", device.deviceId());
        all.put("displayName", device.displayName());
        all.put("accountEnabled", s.accountEnabled());
        all.put("isManaged", s.managed());
        all.put("isCompliant", s.compliant());
        all.put("trustType", s.trustType());
        all.put("managementType", s.managementType());
        all.put("mdmAppId", s.mdmAppId());
        all.put("complianceExpirationDateTime", time(s.complianceExpiration()));
        all.put("approximateLastSignInDateTime", time(s.approximateLastSignIn()));
        all.put("operatingSystem", s.operatingSystem());
        all.put("operatingSystemVersion", s.operatingSystemVersion());
        all.put("registrationDateTime", time(device.registeredAt()));
        Map<String, Object> chosen = new LinkedHashMap<>();
        select.forEach(p -> chosen.put(p, all.get(p)));
        return chosen;
    }

    private static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The properties {@code $select} names, in Graph's spelling and the order given; all of them without it. */
    private static List<String> select(String select) throws GraphError {
        if (select == null) {
            return PROPERTIES;
        }
        List<String> chosen = new ArrayList<>();
        for (String name : select.split(",", -1)) {
            String p = PROPERTIES.stream().filter(n -> n.equalsIgnoreCase(name.trim())).findFirst()
                    .orElseThrow(() -> new GraphError("Request_BadRequest", "Could not find a property named '"
                            + name.trim() + "' on type 'Microsoft.DirectoryServices.Device'."));
            if (!chosen.contains(p)) {
                chosen.add(p);
            }
        }
        return chosen;
    }

    /** The device id of {@code deviceId eq '<id>'}, or {@code null} without a filter. */
    private static String filter(String filter) throws GraphError {
        if (filter == null) {
            return null;
        }
        Matcher m = FILTER.matcher(filter);
        if (!m.matches()) {
            throw new GraphError("BadRequest", "Invalid filter clause: the emulator understands"
                    + " deviceId eq '<id>' only, not " + filter);
        }
        if (!m.group(1).equalsIgnoreCase("deviceId")) {
            throw new GraphError("Request_UnsupportedQuery", "Unsupported or invalid query filter clause"
                    + " specified for property '" + m.group(1) + "' of resource 'Device'.");
        }
        return m.group(2).toLowerCase(Locale.ROOT);
    }

    /** A Graph error answer; 401s carry {@code WWW-Authenticate: Bearer}. */
    static EmulatorResponse error(EmulatorState state, int status, String code, String message,
                                  EmulatorRequest request) {
        String requestId = UUID.randomUUID().toString();
        String clientRequestId = request.header("client-request-id");
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        inner.put("request-id", requestId);
        inner.put("client-request-id", clientRequestId != null ? clientRequestId : requestId);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("innerError", inner);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("request-id", requestId);
        if (status == 401) {
            headers.put("WWW-Authenticate", "Bearer realm=\"\", client_id=\"" + GRAPH_APP_ID + "\"");
        }
        return new EmulatorResponse(status, state.bytes(Map.of("error", error)), headers);
    }

    /** A 400 with Graph's error code. */
    private static final class GraphError extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        GraphError(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
