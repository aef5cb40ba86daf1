package org.dsreg.testkit.drs;

import static org.dsreg.testkit.drs.PrtTestClient.decrypt;
import static org.dsreg.testkit.drs.PrtTestClient.hs256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.dsreg.testkit.drs.DrsPrtIT.Acquired;
import org.dsreg.testkit.drs.DrsTestSupport.Joined;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Microsoft Graph's devices endpoint of the emulator, over loopback HTTPS. */
@ExtendWith(DrsEmulatorExtension.class)
class GraphDevicesIT {
    private static final String UPN = "alice@contoso.example";
    private static final String SELECT = "deviceId,accountEnabled,isManaged,isCompliant,trustType";

    /** {@code GET /v1.0/devices} with this query (encoded here) and bearer token (none when null). */
    static HttpResponse<String> devices(DrsEmulator drs, String filter, String select, String token)
            throws Exception {
        List<String> query = new ArrayList<>();
        if (filter != null) {
            query.add("$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        if (select != null) {
            query.add("$select=" + URLEncoder.encode(select, StandardCharsets.UTF_8));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(drs.baseUrl() + "/v1.0/devices"
                + (query.isEmpty() ? "" : "?" + String.join("&", query)))).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return DrsTestSupport.send(DrsTestSupport.client(drs), b.build());
    }

    static String byId(String deviceId) {
        return "deviceId eq '" + deviceId + "'";
    }

    static String graphToken(DrsEmulator drs) {
        return drs.issueAccessToken(UPN, "https://graph.microsoft.com");
    }

    /** Asserts Graph's error shape: status, code, a message, innerError with date and request ids. */
    static JsonNode assertGraphError(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode e = DrsTestSupport.json(r).path("error");
        assertEquals(code, e.path("code").asText(), r.body());
        assertTrue(e.path("message").isTextual() && !e.path("message").asText().isBlank(), r.body());
        Instant.parse(e.at("/innerError/date").asText());
        UUID.fromString(e.at("/innerError/request-id").asText());
        assertTrue(e.at("/innerError/client-request-id").isTextual(), r.body());
        assertEquals(1, DrsTestSupport.json(r).size(), r.body());
        return e;
    }

    @Test
    void aDeviceFoundByItsDeviceIdWithAGraphTokenFromThePrtOnlyTheSelectedFields(DrsEmulator drs)
            throws Exception {
        PrtTestClient client = new PrtTestClient(drs);
        Acquired a = DrsPrtIT.acquire(drs, client, true);
        DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        var payload = DrsTestSupport.JSON.createObjectNode().put("client_id", PrtTestClient.RENEW_CLIENT)
                .put("scope", "https://graph.microsoft.com/.default").put("request_nonce", client.nonce())
                .put("refresh_token", a.prt()).put("grant_type", "refresh_token");
        HttpResponse<String> t = client.grant(hs256(payload, a.sessionKey(), true));
        assertEquals(200, t.statusCode(), t.body());
        String token = decrypt(t.body(), a.sessionKey()).path("access_token").asText();

        HttpResponse<String> r = devices(drs, byId(a.device().deviceId()), SELECT, token);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = DrsTestSupport.json(r);
        assertEquals(drs.baseUrl() + "/v1.0/$metadata#devices(" + SELECT + ")",
                body.path("@odata.context").asText());
        assertEquals(1, body.path("value").size(), r.body());
        JsonNode d = body.path("value").get(0);
        List<String> names = new ArrayList<>();
        d.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of(SELECT.split(",")), names);
        assertEquals(a.device().deviceId(), d.path("deviceId").asText());
        assertTrue(d.path("accountEnabled").asBoolean());
        assertTrue(d.path("isManaged").isBoolean() && !d.path("isManaged").asBoolean());
        assertTrue(d.path("isCompliant").isBoolean() && !d.path("isCompliant").asBoolean());
        assertEquals("AzureAd", d.path("trustType").asText());
    }

    @Test
    void withoutSelectEveryPropertyAndTheOperatorsStateShows(DrsEmulator drs) throws Exception {
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs), 4);
        Instant expires = Instant.parse("2030-01-02T03:04:05Z");
        drs.admin().setManagement(device.deviceId(), drs.admin().management(device.deviceId())
                .managedByIntune(true, expires));
        HttpResponse<String> r = devices(drs, byId(device.deviceId().toUpperCase(java.util.Locale.ROOT)), null,
                drs.issueAccessToken(UPN, "00000003-0000-0000-c000-000000000000"));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(drs.baseUrl() + "/v1.0/$metadata#devices",
                DrsTestSupport.json(r).path("@odata.context").asText());
        JsonNode d = DrsTestSupport.json(r).path("value").get(0);
        List<String> names = new ArrayList<>();
        d.fieldNames().forEachRemaining(names::add);
        assertEquals(GraphDevicesEndpoint.PROPERTIES, names);
        assertEquals(drs.admin().objectId(device.deviceId()), d.path("id").asText());
        assertTrue(!d.path("id").asText().equals(device.deviceId()));
        assertEquals("testbox", d.path("displayName").asText());
        assertTrue(d.path("isManaged").asBoolean() && d.path("isCompliant").asBoolean(), r.body());
        assertEquals("mdm", d.path("managementType").asText());
        assertEquals(ManagementState.INTUNE_APP_ID, d.path("mdmAppId").asText());
        assertEquals("2030-01-02T03:04:05Z", d.path("complianceExpirationDateTime").asText());
        Instant.parse(d.path("approximateLastSignInDateTime").asText());
        Instant.parse(d.path("registrationDateTime").asText());
        assertEquals("Linux", d.path("operatingSystem").asText());
        assertEquals("Debian GNU/Linux 12 (bookworm)", d.path("operatingSystemVersion").asText());
        assertEquals("Workplace", d.path("trustType").asText());

        drs.admin().disable(device.deviceId());
        JsonNode disabled = DrsTestSupport.json(devices(drs, byId(device.deviceId()), "accountEnabled",
                graphToken(drs))).path("value").get(0);
        assertTrue(disabled.path("accountEnabled").isBoolean() && !disabled.path("accountEnabled").asBoolean());
    }

    @Test
    void anUnknownOrDeletedDeviceGivesAnEmptyValue(DrsEmulator drs) throws Exception {
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        HttpResponse<String> unknown = devices(drs, byId(UUID.randomUUID().toString()), SELECT, graphToken(drs));
        assertEquals(200, unknown.statusCode(), unknown.body());
        assertEquals(0, DrsTestSupport.json(unknown).path("value").size(), unknown.body());
        assertTrue(DrsTestSupport.json(unknown).path("value").isArray());
        assertEquals(1, DrsTestSupport.json(devices(drs, null, "deviceId", graphToken(drs))).path("value").size());

        drs.admin().delete(device.deviceId());
        HttpResponse<String> deleted = devices(drs, byId(device.deviceId()), SELECT, graphToken(drs));
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(0, DrsTestSupport.json(deleted).path("value").size(), deleted.body());
    }

    @Test
    void withoutATokenOrWithAnotherAudienceOrExpired401(DrsEmulator drs) throws Exception {
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        HttpResponse<String> none = devices(drs, byId(device.deviceId()), SELECT, null);
        assertEquals("Access token is empty.", assertGraphError(none, 401, "InvalidAuthenticationToken")
                .path("message").asText());
        assertTrue(none.headers().firstValue("www-authenticate").orElse("").startsWith("Bearer"));

        JsonNode drsAudience = assertGraphError(devices(drs, byId(device.deviceId()), SELECT,
                drs.issueAccessToken(UPN)), 401, "InvalidAuthenticationToken");
        assertTrue(drsAudience.path("message").asText().contains("audience"), drsAudience.toString());
        assertGraphError(devices(drs, byId(device.deviceId()), SELECT, drs.issueAccessToken(UPN,
                "https://graph.microsoft.com", Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1))),
                401, "InvalidAuthenticationToken");
        assertGraphError(devices(drs, byId(device.deviceId()), SELECT, "not-a-jwt"), 401,
                "InvalidAuthenticationToken");
    }

    @Test
    void theOperatorsDenialIs403AuthorizationRequestDenied(DrsEmulator drs) throws Exception {
        Joined device = DrsTestSupport.join(drs, DrsTestSupport.client(drs));
        drs.admin().denyGraph(true);
        JsonNode e = assertGraphError(devices(drs, byId(device.deviceId()), SELECT, graphToken(drs)), 403,
                "Authorization_RequestDenied");
        assertEquals("Insufficient privileges to complete the operation.", e.path("message").asText());
        assertGraphError(devices(drs, byId(device.deviceId()), SELECT, null), 401, "InvalidAuthenticationToken");
        drs.admin().denyGraph(false);
        assertEquals(200, devices(drs, byId(device.deviceId()), SELECT, graphToken(drs)).statusCode());
    }

    @Test
    void queriesTheEmulatorDoesNotUnderstandAre400(DrsEmulator drs) throws Exception {
        String id = DrsTestSupport.join(drs, DrsTestSupport.client(drs)).deviceId();
        assertGraphError(devices(drs, "deviceId eq " + id, SELECT, graphToken(drs)), 400, "BadRequest");
        assertGraphError(devices(drs, "displayName eq 'testbox'", SELECT, graphToken(drs)), 400,
                "Request_UnsupportedQuery");
        JsonNode e = assertGraphError(devices(drs, byId(id), "deviceId,colour", graphToken(drs)), 400,
                "Request_BadRequest");
        assertEquals("Could not find a property named 'colour' on type 'Microsoft.DirectoryServices.Device'.",
                e.path("message").asText());
    }

    @Test
    void faultsAnswerInGraphsShape(DrsEmulator drs) throws Exception {
        String id = DrsTestSupport.join(drs, DrsTestSupport.client(drs)).deviceId();
        drs.failNext(Fault.of(Fault.Endpoint.GRAPH_DEVICES, Fault.Kind.SERVER_ERROR_500));
        drs.failNext(Fault.of(Fault.Endpoint.GRAPH_DEVICES, Fault.Kind.MALFORMED_JSON));
        assertGraphError(devices(drs, byId(id), SELECT, graphToken(drs)), 500, "InternalServerError");
        HttpResponse<String> malformed = devices(drs, byId(id), SELECT, graphToken(drs));
        assertEquals("{\"@odata.context\":", malformed.body());
        HttpClient http = DrsTestSupport.client(drs);
        HttpResponse<String> post = DrsTestSupport.send(http, HttpRequest.newBuilder(URI.create(drs.baseUrl()
                + "/v1.0/devices")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, post.statusCode(), post.body());
    }
}
