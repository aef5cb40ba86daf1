package org.dsreg.testkit.dbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.errors.NoReply;
import org.freedesktop.dbus.errors.ServiceUnknown;
import org.freedesktop.dbus.errors.UnknownObject;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.Introspectable;
import org.freedesktop.dbus.interfaces.Peer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeBrokerIT {

    private static final String PV = "0.0";
    private static final String DRS_SCOPE = "01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9/.default";

    @TempDir
    static Path dir;

    private static PrivateBus bus;
    private DBusConnection client;

    @BeforeAll
    static void startBus() {
        bus = PrivateBus.start(dir);
    }

    @AfterAll
    static void stopBus() {
        if (bus != null) {
            bus.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        client = bus.connect();
    }

    @AfterEach
    void disconnect() {
        client.disconnect();
    }

    private ClientBroker remote() throws Exception {
        return client.getRemoteObject(FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH, ClientBroker.class);
    }

    private static String silentRequest(FakeAccount a) {
        return "{\"authParameters\":{\"account\":{\"homeAccountId\":\"" + a.homeAccountId() + "\",\"username\":\""
                + a.username() + "\"},\"authority\":\"https://login.microsoftonline.com/common\","
                + "\"authorizationType\":1,\"clientId\":\"29d9ed98-a469-4536-ade2-f981bc1d605e\","
                + "\"redirectUri\":\"https://login.microsoftonline.com/common/oauth2/nativeclient\","
                + "\"requestedScopes\":[\"" + DRS_SCOPE + "\"],\"username\":\"" + a.username()
                + "\",\"uxContextHandle\":-1}}";
    }

    private static String cookieRequest(FakeAccount a) {
        return "{\"account\":{\"homeAccountId\":\"" + a.homeAccountId() + "\",\"username\":\"" + a.username()
                + "\"},\"authParameters\":{\"authorizationType\":8,\"ssoUrl\":\"https://login.microsoftonline.com/\"},"
                + "\"mamEnrollment\":false,\"ssoUrl\":\"https://login.microsoftonline.com/\"}";
    }

    private static final String ACCOUNTS_REQUEST = "{\"clientId\":\"29d9ed98-a469-4536-ade2-f981bc1d605e\","
            + "\"redirectUri\":\"5e3ce6c0-2b1f-4285-8d4b-75ee78787346\"}";

    private static void assertAccount(JsonNode node, FakeAccount a) {
        assertEquals("login.windows.net", node.path("environment").asText());
        assertEquals(a.givenName(), node.path("givenName").asText());
        assertEquals(a.objectId() + "." + a.tenantId(), node.path("homeAccountId").asText());
        assertEquals(a.objectId(), node.path("localAccountId").asText());
        assertEquals(a.name(), node.path("name").asText());
        assertEquals(0, node.path("passwordExpiry").asInt(-1));
        assertEquals(a.tenantId(), node.path("realm").asText());
        assertEquals(a.username(), node.path("username").asText());
        JsonNode clientInfo = Wire.json(new String(java.util.Base64.getUrlDecoder()
                .decode(node.path("clientInfo").asText()), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(a.objectId(), clientInfo.path("uid").asText());
        assertEquals(a.tenantId(), clientInfo.path("utid").asText());
    }

    private static void assertPrtCookie(String jwt) {
        JsonNode header = Wire.jwtPart(jwt, 0);
        assertEquals("HS256", header.path("alg").asText());
        assertEquals(2, header.path("kdf_ver").asInt());
        assertFalse(header.path("ctx").asText().isEmpty());
        JsonNode body = Wire.jwtPart(jwt, 1);
        assertFalse(body.path("refresh_token").asText().isEmpty());
        assertEquals("true", body.path("is_primary").asText());
        long ageSeconds = System.currentTimeMillis() / 1000 - body.path("iat").asLong();
        assertTrue(ageSeconds >= 7190 && ageSeconds <= 7260, "iat about 2 hours ago, age " + ageSeconds);
    }

    private static void assertDrsToken(JsonNode response, FakeAccount a) {
        JsonNode at = Wire.jwtPart(response.path("accessToken").asText(), 1);
        assertEquals("urn:ms-drs:enterpriseregistration.windows.net", at.path("aud").asText());
        assertEquals(a.tenantId(), at.path("tid").asText());
        assertEquals(a.username(), at.path("upn").asText());
        assertTrue(at.path("exp").asLong() > System.currentTimeMillis() / 1000);
        assertEquals(0, response.path("accessTokenType").asInt(-1));
        assertTrue(response.path("idToken").isTextual());
        assertTrue(response.path("clientInfo").isTextual());
        long now = System.currentTimeMillis();
        assertTrue(response.path("expiresOn").asLong() > now, "expiresOn is epoch ms in the future");
        assertTrue(response.path("extendedExpiresOn").asLong() >= response.path("expiresOn").asLong());
        assertEquals(DRS_SCOPE, response.path("grantedScopes").path(0).asText());
    }

    @Test
    void v201AnswersVersionAccountsCookieAndToken() throws Exception {
        try (FakeBroker broker = FakeBroker.start(bus.address(), BrokerProfile.V2_0_1)) {
            ClientBroker b = remote();
            assertEquals("2.0.1", Wire.json(b.getLinuxBrokerVersion(PV, Wire.id(), "{\"msalCppVersion\":\"1.28.0\"}"))
                    .path("linuxBrokerVersion").asText());

            JsonNode accounts = Wire.json(b.getAccounts(PV, Wire.id(), ACCOUNTS_REQUEST)).path("accounts");
            assertEquals(2, accounts.size());
            List<FakeAccount> expected = FakeAccount.defaults();
            assertAccount(accounts.get(0), expected.get(0));
            assertAccount(accounts.get(1), expected.get(1));

            FakeAccount bob = expected.get(1);
            JsonNode cookie = Wire.json(b.acquirePrtSsoCookie(PV, Wire.id(), cookieRequest(bob)));
            assertEquals("x-ms-RefreshTokenCredential", cookie.path("cookieName").asText());
            assertAccount(cookie.path("account"), bob);
            assertPrtCookie(cookie.path("cookieContent").asText());

            JsonNode token = Wire.json(b.acquireTokenSilently(PV, Wire.id(), silentRequest(bob)))
                    .path("brokerTokenResponse");
            assertDrsToken(token, bob);
            assertAccount(token.path("account"), bob);
            assertEquals(4, broker.calls().size());
        }
    }

    @Test
    void removeAccountRemovesItFromLaterGetAccounts() throws Exception {
        try (FakeBroker broker = FakeBroker.start(bus.address(), BrokerProfile.V2_0_1)) {
            ClientBroker b = remote();
            FakeAccount alice = FakeAccount.defaults().get(0);
            String reply = b.removeAccount(PV, Wire.id(), "{\"account\":{\"homeAccountId\":\"" + alice.homeAccountId()
                    + "\"},\"clientId\":\"29d9ed98-a469-4536-ade2-f981bc1d605e\"}");
            assertEquals("{}", reply);
            JsonNode accounts = Wire.json(b.getAccounts(PV, Wire.id(), ACCOUNTS_REQUEST)).path("accounts");
            assertEquals(1, accounts.size());
            assertEquals("bob@fabrikam.example", accounts.get(0).path("username").asText());
            assertEquals(List.of(FakeAccount.defaults().get(1)), broker.accounts());
            // a cookie for the removed account is refused
            JsonNode cookie = Wire.json(b.acquirePrtSsoCookie(PV, Wire.id(), cookieRequest(alice)));
            assertTrue(cookie.path("error").isObject(), cookie.toString());
        }
    }

    @Test
    void v252ErrorsAnswersErrorShapes() throws Exception {
        try (FakeBroker broker = FakeBroker.start(bus.address(), BrokerProfile.V2_5_2_ERRORS)) {
            ClientBroker b = remote();
            assertEquals("2.5.2", Wire.json(b.getLinuxBrokerVersion(PV, Wire.id(), "{}"))
                    .path("linuxBrokerVersion").asText());
            JsonNode accounts = Wire.json(b.getAccounts(PV, Wire.id(), ACCOUNTS_REQUEST));
            assertEquals(1, accounts.path("accounts").size());
            assertEquals("2.5.2", accounts.path("telemetry").path("broker_version").asText());

            FakeAccount alice = broker.accounts().get(0);
            JsonNode tokenError = Wire.json(b.acquireTokenSilently(PV, Wire.id(), silentRequest(alice)))
                    .path("brokerTokenResponse").path("error");
            assertExpiredGrant(tokenError);
            JsonNode cookie = Wire.json(b.acquirePrtSsoCookie(PV, Wire.id(), cookieRequest(alice)));
            assertExpiredGrant(cookie.path("error"));
            assertFalse(cookie.has("cookieContent"));
        }
    }

    private static void assertExpiredGrant(JsonNode error) {
        assertEquals("invalid_grant", error.path("status").asText(), error.toString());
        assertEquals("token_expired", error.path("subStatus").asText());
        for (String field : List.of("context", "errorCode", "tag", "diagnostics")) {
            assertTrue(error.path(field).isTextual(), field + " in " + error);
        }
    }

    @Test
    void v30AnswersCookieItemsTokenWithoutAccountAndUnknownFields() throws Exception {
        try (FakeBroker broker = FakeBroker.start(bus.address(), BrokerProfile.V3_0)) {
            ClientBroker b = remote();
            JsonNode version = Wire.json(b.getLinuxBrokerVersion(PV, Wire.id(), "{}"));
            assertEquals("3.0.1", version.path("linuxBrokerVersion").asText());
            assertEquals(1, version.path("futureField").path("x").asInt());

            JsonNode accounts = Wire.json(b.getAccounts(PV, Wire.id(), ACCOUNTS_REQUEST));
            assertEquals(1, accounts.path("accounts").size());
            assertTrue(accounts.has("futureField"));

            FakeAccount alice = broker.accounts().get(0);
            JsonNode reply = Wire.json(b.acquireTokenSilently(PV, Wire.id(), silentRequest(alice)));
            assertTrue(reply.has("futureField"));
            JsonNode token = reply.path("brokerTokenResponse");
            assertDrsToken(token, alice);
            assertFalse(token.has("account"), "3.0 token responses carry no account");

            JsonNode cookie = Wire.json(b.acquirePrtSsoCookie(PV, Wire.id(), cookieRequest(alice)));
            assertFalse(cookie.has("cookieContent"));
            assertTrue(cookie.has("futureField"));
            JsonNode item = cookie.path("cookieItems").path(0);
            assertEquals("x-ms-RefreshTokenCredential", item.path("cookieName").asText());
            assertPrtCookie(item.path("cookieContent").asText());
        }
    }

    @Test
    @SuppressWarnings("try") // the broker only has to run
    void accountsErrorAnswersTopLevelError() throws Exception {
        try (FakeBroker broker = FakeBroker.start(bus.address(), BrokerProfile.ACCOUNTS_ERROR)) {
            ClientBroker b = remote();
            assertEquals("2.0.1", Wire.json(b.getLinuxBrokerVersion(PV, Wire.id(), "{}"))
                    .path("linuxBrokerVersion").asText());
            JsonNode reply = Wire.json(b.getAccounts(PV, Wire.id(), ACCOUNTS_REQUEST));
            assertFalse(reply.has("accounts"));
            JsonNode error = reply.path("error");
            assertEquals("internal_error", error.path("status").asText());
            assertEquals("1234", error.path("errorCode").asText());
            assertEquals("abcd", error.path("tag").asText());
            assertEquals("fake", error.path("context").asText());
            assertEquals("", error.path("subStatus").asText());
            assertEquals("", error.path("diagnostics").asText());
        }
    }

    @Test
    void recordsEveryCallAndUsesBuilderAccounts() throws Exception {
        String tenant = "11111111-2222-3333-4444-555555555555";
        try (FakeBroker broker = FakeBroker.builder(BrokerProfile.V2_0_1)
                .account("carol@example.test", tenant).start(bus.address())) {
            ClientBroker b = remote();
            String id = Wire.id();
            JsonNode accounts = Wire.json(b.getAccounts(PV, id, ACCOUNTS_REQUEST)).path("accounts");
            assertEquals(1, accounts.size());
            assertEquals("carol@example.test", accounts.get(0).path("username").asText());
            assertEquals(tenant, accounts.get(0).path("realm").asText());

            b.getLinuxBrokerVersion(PV, Wire.id(), "{\"msalCppVersion\":\"1.28.0\"}");
            List<RecordedCall> calls = broker.calls();
            assertEquals(2, calls.size());
            assertEquals("getAccounts", calls.get(0).method());
            assertEquals(PV, calls.get(0).protocolVersion());
            assertEquals(id, calls.get(0).correlationId());
            assertEquals(ACCOUNTS_REQUEST, calls.get(0).requestJson());
            assertEquals("29d9ed98-a469-4536-ade2-f981bc1d605e", calls.get(0).request().path("clientId").asText());
            assertEquals("1.28.0", broker.calls("getLinuxBrokerVersion").get(0).request().path("msalCppVersion").asText());
        }
    }

    @Test
    void requestThatIsNotJsonGetsAnErrorReply() throws Exception {
        try (FakeBroker broker = FakeBroker.start(bus.address(), BrokerProfile.V2_0_1)) {
            JsonNode reply = Wire.json(remote().getAccounts(PV, Wire.id(), "not json"));
            assertEquals("invalid_request", reply.path("error").path("status").asText());
            assertTrue(broker.calls().get(0).request().isMissingNode());
        }
    }

    @Test
    void exportDelayAnswersUnknownObjectUntilExported() throws Exception {
        try (FakeBroker broker = FakeBroker.builder(BrokerProfile.V2_0_1).exportDelay(Duration.ofSeconds(2))
                .start(bus.address())) {
            assertFalse(broker.isExported());
            // the name is owned at once
            assertTrue(List.of(client.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus",
                    org.freedesktop.dbus.interfaces.DBus.class).ListNames()).contains(FakeBroker.BUS_NAME));

            // what a dbus-java client sees
            assertThrows(UnknownObject.class, () -> remote().getLinuxBrokerVersion(PV, Wire.id(), "{}"));
            // what is on the wire: the standard name, not dbus-java's org.freedesktop.dbus.errors.UnknownObject
            Wire.Reply raw = Wire.brokerCall(client, FakeBroker.OBJECT_PATH, "getLinuxBrokerVersion", "{}");
            assertEquals("org.freedesktop.DBus.Error.UnknownObject", raw.errorName(), raw.toString());
            // Peer.Ping answers on the path even before the export, as on sd-bus/GDBus services
            client.getRemoteObject(FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH, Peer.class).Ping();
            assertTrue(broker.calls().isEmpty(), "calls on the unexported path are not recorded");

            assertTrue(broker.awaitExported(Duration.ofSeconds(5)));
            assertEquals("2.0.1", Wire.json(remote().getLinuxBrokerVersion(PV, Wire.id(), "{}"))
                    .path("linuxBrokerVersion").asText());
        }
    }

    @Test
    @SuppressWarnings("try") // the broker only has to run
    void unexportedPathBelowBrokerAlsoAnswersStandardUnknownObject() throws Exception {
        try (FakeBroker broker = FakeBroker.start(bus.address(), BrokerProfile.V2_0_1)) {
            Wire.Reply raw = Wire.brokerCall(client, FakeBroker.OBJECT_PATH + "/sub", "getAccounts", "{}");
            assertEquals("org.freedesktop.DBus.Error.UnknownObject", raw.errorName());
            // a path outside the broker's gets dbus-java's own (Java-named) error
            Wire.Reply other = Wire.brokerCall(client, "/elsewhere", "getAccounts", "{}");
            assertEquals("org.freedesktop.dbus.errors.UnknownObject", other.errorName());
        }
    }

    @Test
    void introspectIsRefusedByLaterBrokersButPingAnswers() throws Exception {
        try (FakeBroker broker = FakeBroker.start(bus.address(), BrokerProfile.V3_0)) {
            Wire.Reply raw = Wire.call(client, FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH,
                    "org.freedesktop.DBus.Introspectable", "Introspect", null, Duration.ofSeconds(5));
            assertEquals("org.freedesktop.DBus.Error.UnknownMethod", raw.errorName(), raw.toString());
            Introspectable intro = client.getRemoteObject(FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH,
                    Introspectable.class);
            assertThrows(org.freedesktop.dbus.errors.UnknownMethod.class, intro::Introspect);

            Peer peer = client.getRemoteObject(FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH, Peer.class);
            peer.Ping();
            assertEquals(32, peer.GetMachineId().length());
            assertTrue(broker.calls().isEmpty());
        }
    }

    @Test
    @SuppressWarnings("try") // the broker only has to run
    void theTwoZeroOneBrokerAnswersIntrospectAsTheRealOneDid() throws Exception {
        assertTrue(BrokerProfile.V2_0_1.answersIntrospect());
        assertFalse(BrokerProfile.V2_5_2_ERRORS.answersIntrospect());
        assertFalse(BrokerProfile.V3_0.answersIntrospect());
        try (FakeBroker broker = FakeBroker.start(bus.address(), BrokerProfile.V2_0_1)) {
            String xml = client.getRemoteObject(FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH, Introspectable.class)
                    .Introspect();
            assertTrue(xml.contains("com.microsoft.identity.Broker1"), xml);
            assertTrue(xml.contains("acquirePrtSsoCookie"), xml);
            assertTrue(broker.calls().isEmpty(), "Introspect is not a broker call");
        }
    }

    @Test
    @SuppressWarnings("try") // the broker only has to run
    void theIntrospectableOptionOverridesTheProfile() throws Exception {
        try (FakeBroker broker = FakeBroker.builder(BrokerProfile.V2_0_1).introspectable(false).start(bus.address())) {
            Wire.Reply raw = Wire.call(client, FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH,
                    "org.freedesktop.DBus.Introspectable", "Introspect", null, Duration.ofSeconds(5));
            assertEquals("org.freedesktop.DBus.Error.UnknownMethod", raw.errorName(), raw.toString());
        }
        try (FakeBroker broker = FakeBroker.builder(BrokerProfile.V3_0).introspectable(true).start(bus.address())) {
            String xml = client.getRemoteObject(FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH, Introspectable.class)
                    .Introspect();
            assertTrue(xml.contains("com.microsoft.identity.Broker1"), xml);
        }
    }

    @Test
    void hangNeverAnswersTheCookieAndCloseStillReturnsPromptly() throws Exception {
        FakeBroker broker = FakeBroker.start(bus.address(), BrokerProfile.HANG);
        try {
            ClientBroker b = remote();
            FakeAccount alice = broker.accounts().get(0);
            assertEquals("2.0.1", Wire.json(b.getLinuxBrokerVersion(PV, Wire.id(), "{}"))
                    .path("linuxBrokerVersion").asText());
            assertEquals(1, Wire.json(b.getAccounts(PV, Wire.id(), ACCOUNTS_REQUEST)).path("accounts").size());

            // a per-call timeout in dbus-java 5.1: callMethodAsync + getCall().getReply(ms)
            long start = System.nanoTime();
            NoReply timeout = assertThrows(NoReply.class, () -> Wire.callWithTimeout(client, b,
                    "acquirePrtSsoCookie", Duration.ofSeconds(1), PV, Wire.id(), cookieRequest(alice)));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 950 && waited < 3000, "waited " + waited + " ms: " + timeout.getMessage());

            // a hung call does not block the others
            assertEquals(1, Wire.json(b.getAccounts(PV, Wire.id(), ACCOUNTS_REQUEST)).path("accounts").size());

            // a raw call left pending sees the close as the standard NoReply
            CompletableFuture<Wire.Reply> pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return Wire.call(client, FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH, Broker1.INTERFACE,
                            "acquirePrtSsoCookie", "sss", Duration.ofSeconds(10), PV, Wire.id(), cookieRequest(alice));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            waitFor(() -> broker.calls("acquirePrtSsoCookie").size() == 2, Duration.ofSeconds(5));
            assertFalse(pending.isDone());

            assertTimeoutPreemptively(Duration.ofSeconds(2), broker::close, "close() must not wedge on a hung call");
            Wire.Reply afterClose = pending.get(5, TimeUnit.SECONDS);
            assertEquals("org.freedesktop.DBus.Error.NoReply", afterClose.errorName(), afterClose.toString());
        } finally {
            broker.close();
        }
    }

    @Test
    @SuppressWarnings("try") // the broker only has to run
    void hungCallGetsTheDaemonsNoReplyWhenTheBusHasAReplyTimeout(@TempDir Path own) throws Exception {
        try (PrivateBus timed = PrivateBus.start(own, Duration.ofMillis(700));
             FakeBroker broker = FakeBroker.start(timed.address(), BrokerProfile.HANG);
             DBusConnection c = timed.connect()) {
            ClientBroker b = c.getRemoteObject(FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH, ClientBroker.class);
            long start = System.nanoTime();
            assertThrows(NoReply.class, () -> b.acquirePrtSsoCookie(PV, Wire.id(), "{}"));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 600 && waited < 5000, "waited " + waited + " ms");
            Wire.Reply raw = Wire.call(c, FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH, Broker1.INTERFACE,
                    "acquirePrtSsoCookie", "sss", Duration.ofSeconds(5), PV, Wire.id(), "{}");
            assertEquals("org.freedesktop.DBus.Error.NoReply", raw.errorName(), raw.toString());
        }
    }

    @Test
    void vanishAfterCallsMakesLaterCallsFailWithServiceUnknown() throws Exception {
        try (FakeBroker broker = FakeBroker.builder(BrokerProfile.V2_0_1).vanishAfterCalls(2).start(bus.address())) {
            ClientBroker b = remote();
            assertEquals("2.0.1", Wire.json(b.getLinuxBrokerVersion(PV, Wire.id(), "{}"))
                    .path("linuxBrokerVersion").asText());
            assertEquals(2, Wire.json(b.getAccounts(PV, Wire.id(), ACCOUNTS_REQUEST)).path("accounts").size());
            assertTrue(broker.hasVanished());

            assertThrows(ServiceUnknown.class, () -> b.getLinuxBrokerVersion(PV, Wire.id(), "{}"));
            Wire.Reply raw = Wire.brokerCall(client, FakeBroker.OBJECT_PATH, "getLinuxBrokerVersion", "{}");
            assertEquals("org.freedesktop.DBus.Error.ServiceUnknown", raw.errorName(), raw.toString());

            // without auto-start the bus says NameHasNoOwner, which dbus-java has no class for
            ClientBroker noAutostart = client.getRemoteObject(FakeBroker.BUS_NAME, FakeBroker.OBJECT_PATH,
                    ClientBroker.class, false);
            DBusExecutionException e = assertThrows(DBusExecutionException.class,
                    () -> noAutostart.getLinuxBrokerVersion(PV, Wire.id(), "{}"));
            assertEquals(DBusExecutionException.class, e.getClass(), e.toString());

            // the connection itself goes away shortly after (a crash)
            String unique = broker.uniqueName();
            waitFor(() -> !nameHasOwner(unique), Duration.ofSeconds(5));
            assertEquals(2, broker.calls().size());
        }
    }

    @Test
    void closeReleasesTheName() throws Exception {
        FakeBroker broker = FakeBroker.start(bus.address(), BrokerProfile.V2_0_1);
        assertTrue(nameHasOwner(FakeBroker.BUS_NAME));
        broker.close();
        broker.close();
        assertFalse(nameHasOwner(FakeBroker.BUS_NAME));
        // a new broker can take the name again
        try (FakeBroker again = FakeBroker.start(bus.address(), BrokerProfile.V3_0)) {
            assertNotNull(again.uniqueName());
            assertEquals("3.0.1", Wire.json(remote().getLinuxBrokerVersion(PV, Wire.id(), "{}"))
                    .path("linuxBrokerVersion").asText());
        }
    }

    private boolean nameHasOwner(String name) {
        try {
            return client.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus",
                    org.freedesktop.dbus.interfaces.DBus.class).NameHasOwner(name);
        } catch (org.freedesktop.dbus.exceptions.DBusException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
