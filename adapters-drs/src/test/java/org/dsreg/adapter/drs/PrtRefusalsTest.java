package org.dsreg.adapter.drs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.port.out.TokenServiceException;
import org.dsreg.port.out.UserCredential;
import org.dsreg.testkit.prt.SessionKeyJweWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a PRT grant fails, pinned by its kind and error code: the service's refusal (AADSTS code, first line of
 * the description, trace id, our request id, endpoint), no reply, an unreadable reply, a registration that cannot
 * ask. No message holds a token.
 */
class PrtRefusalsTest {
    static final String PRT = "SECRET-PRT-0123456789";

    @TempDir
    Path dir;
    PrtService service;
    final byte[] sessionKey = new byte[32];

    @BeforeEach
    void start() throws Exception {
        service = new PrtService(dir);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
    }

    TokenServiceException fails(Executable call) {
        TokenServiceException e = assertThrows(TokenServiceException.class, call);
        assertFalse(e.getMessage().contains(PRT) || e.getMessage().contains("USER-RT"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    TokenServiceException renewFails() {
        return fails(() -> service.exchange.renew(service.registration, PRT, new InMemorySessionKey(sessionKey)));
    }

    TokenServiceException acquireFails() {
        return fails(() -> service.exchange.acquire(service.registration, service.storage,
                new UserCredential("USER-RT", Optional.empty(), Optional.empty())));
    }

    @Test
    void anAadErrorKeepsItsCodeDescriptionTraceIdAndOurRequestId() throws Exception {
        service.nonce("n");
        service.reply(400, "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70000: The provided grant is"
                + " expired.\\r\\nTrace ID: t-1\\r\\nCorrelation ID: c-1\",\"error_codes\":[70000],\"trace_id\":\"t-1\","
                + "\"correlation_id\":\"c-1\"}");
        TokenServiceException e = renewFails();
        service.server.takeRequest();
        String requestId = service.server.takeRequest().getHeader("client-request-id");
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals(Optional.of(400), e.httpStatus());
        assertEquals(Optional.of("AADSTS70000"), e.errorCode());
        assertEquals("AADSTS70000: The provided grant is expired.", e.description());
        assertEquals(Optional.of("t-1"), e.traceId());
        assertEquals(requestId, e.correlationId());
        assertEquals(service.endpoint(), e.endpoint());
        assertEquals("the token service refused the PRT renewal: AADSTS70000: The provided grant is expired."
                + " (HTTP 400, trace id t-1, request id " + requestId + ")", e.getMessage());
    }

    @Test
    void theCodeComesFromTheDescriptionWhenErrorCodesIsMissing() {
        service.nonce("n");
        service.reply(401, "{\"error\":\"invalid_request\",\"error_description\":\"AADSTS50155: Device authentication"
                + " failed.\"}");
        TokenServiceException e = acquireFails();
        assertEquals(Optional.of("AADSTS50155"), e.errorCode());
        assertEquals(Optional.of(401), e.httpStatus());
        assertTrue(e.getMessage().startsWith("the token service refused the PRT request: AADSTS50155: Device"
                + " authentication failed. (HTTP 401, request id "), e.getMessage());
    }

    @Test
    void anOAuthErrorWithoutAnAadCodeKeepsTheOAuthError() {
        service.reply(400, "{\"error\":\"unsupported_grant_type\"}");
        TokenServiceException e = renewFails();
        assertEquals(Optional.of("unsupported_grant_type"), e.errorCode());
        assertTrue(e.getMessage().startsWith("the token service refused the PRT nonce request: unsupported_grant_type"
                + " (HTTP 400, request id "), e.getMessage());
    }

    @Test
    void aDescriptionIsMaskedAndBounded() {
        assertEquals("AADSTS1: a?b", TokenServiceErrors.firstLine("  AADSTS1: a\u001bb\nsecond line"));
        String longText = "x".repeat(500);
        assertEquals("x".repeat(TokenServiceErrors.MAX_DESCRIPTION) + "…", TokenServiceErrors.firstLine(longText));
    }

    @Test
    void anErrorStatusWithoutAnOAuthErrorIsABadReply() {
        service.reply(502, "<html>bad gateway</html>");
        TokenServiceException e = renewFails();
        assertEquals(Optional.of("bad-reply"), e.errorCode());
        assertEquals(Optional.of(502), e.httpStatus());
        assertTrue(e.getMessage().startsWith("the token service sent an unreadable reply to the PRT nonce request:"
                + " HTTP 502 without an OAuth error (request id "), e.getMessage());
    }

    @Test
    void aClosedConnectionIsNoReply() {
        service.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        TokenServiceException e = renewFails();
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals(Optional.of("no-reply"), e.errorCode());
        assertEquals(Optional.empty(), e.httpStatus());
        assertTrue(e.getMessage().startsWith("the PRT nonce request to 127.0.0.1 failed: "), e.getMessage());
    }

    @Test
    void noAnswerInTimeIsNoReply() {
        service.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        TokenServiceException e = renewFails();
        assertEquals(Optional.of("no-reply"), e.errorCode());
        assertTrue(e.getMessage().startsWith("the token service at 127.0.0.1 did not answer the PRT nonce request"
                + " within 2 s (timeout) (request id "), e.getMessage());
    }

    @Test
    void aServerCertificateNotTrustedIsNoReply() throws Exception {
        DrsSettings untrusting = new DrsSettings(URI.create("https://127.0.0.1"), Optional.empty(),
                Duration.ofSeconds(2), "0.1.0");
        TokenServiceException e = fails(() -> PrtService.exchange(untrusting).renew(service.registration, PRT,
                new InMemorySessionKey(sessionKey)));
        assertEquals(Optional.of("no-reply"), e.errorCode());
        assertTrue(e.getMessage().contains("the server's TLS certificate is not trusted"), e.getMessage());
    }

    @Test
    void aReplyLargerThanTheBoundIsABadReply() {
        service.reply(200, "{\"Nonce\":\"" + "n".repeat(DrsCalls.MAX_BODY) + "\"}");
        TokenServiceException e = renewFails();
        assertEquals(Optional.of("bad-reply"), e.errorCode());
        assertTrue(e.getMessage().contains("the reply is larger than 1024 KiB"), e.getMessage());
    }

    @Test
    void aNonceReplyWithoutNonceOrNotJsonIsABadReply() {
        service.reply(200, "{}");
        assertTrue(renewFails().getMessage().contains("PRT nonce request: the reply has no Nonce"));
        service.reply(200, "Nonce");
        TokenServiceException e = renewFails();
        assertEquals(Optional.of("bad-reply"), e.errorCode());
        assertTrue(e.getMessage().contains("PRT nonce request: not a JSON object"), e.getMessage());
    }

    @Test
    void aPrtReplyWithoutPrtOrSessionKeyIsABadReply() {
        service.nonce("n");
        service.reply(200, "{\"refresh_token\":\"x\"}");
        assertTrue(acquireFails().getMessage().contains("the PRT request: the reply has no session_key_jwe"));
        service.nonce("n");
        service.reply(200, "{\"session_key_jwe\":\"" + SessionKeyJweWriter.sessionKeyJwe(
                service.storage.publicKey("transport").orElseThrow(), sessionKey, new java.security.SecureRandom())
                + "\"}");
        TokenServiceException e = acquireFails();
        assertEquals(Optional.of("bad-reply"), e.errorCode());
        assertTrue(e.getMessage().contains("the PRT request: the reply has no refresh_token"), e.getMessage());
    }

    @Test
    void aSessionKeyJweDsregCannotReadIsABadReplyWithTheCryptosReason() {
        service.nonce("n");
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"dir\",\"enc\":\"A256GCM\"}".getBytes(StandardCharsets.UTF_8));
        service.reply(200, "{\"refresh_token\":\"x\",\"session_key_jwe\":\"" + header + ".a.b.c.d\"}");
        TokenServiceException e = acquireFails();
        assertEquals(Optional.of("bad-reply"), e.errorCode());
        assertTrue(e.getMessage().contains("the PRT request: the header's alg is \"dir\", not RSA-OAEP"), e.getMessage());
        assertTrue(e.getCause() instanceof SessionKeyCryptoException);
    }

    @Test
    void aRenewalReplyUnderAnotherKeyIsABadReply() {
        service.nonce("n");
        byte[] other = new byte[32];
        other[0] = 1;
        service.reply(200, SessionKeyJweWriter.gcmReply(other, new byte[24], new byte[12],
                "{\"refresh_token\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        TokenServiceException e = renewFails();
        assertEquals(Optional.of("bad-reply"), e.errorCode());
        assertEquals(SessionKeyCryptoException.Reason.DOES_NOT_DECRYPT,
                ((SessionKeyCryptoException) e.getCause()).reason());
    }

    @Test
    void aRegistrationWithoutAnHttpsTokenEndpointAsksNothing() {
        for (Optional<String> url : java.util.List.of(Optional.<String>empty(),
                Optional.of("http://127.0.0.1:" + service.server.getPort() + "/t/oauth2/token"))) {
            Registration r = service.registration(url, service.registration.transportKey());
            TokenServiceException e = fails(() -> service.exchange.renew(r, PRT, new InMemorySessionKey(sessionKey)));
            assertEquals(ErrorKind.QUERY_FAILED, e.kind());
            assertEquals(Optional.empty(), e.errorCode());
        }
        assertEquals(0, service.server.getRequestCount());
    }

    @Test
    void aRegistrationWithoutATransportKeyCannotAskForAFirstPrt() {
        Registration r = service.registration(Optional.of(service.endpoint()), Optional.<KeyRef>empty());
        TokenServiceException e = fails(() -> service.exchange.acquire(r, service.storage,
                new UserCredential("USER-RT", Optional.empty(), Optional.empty())));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals("the registration has no transport key to receive a PRT session key with", e.getMessage());
        assertEquals(0, service.server.getRequestCount());
    }

    @Test
    void aScopeNamingNoResourceIsRefusedBeforeAnyRequest() {
        TokenServiceException e = fails(() -> service.exchange.accessToken(service.registration, PRT,
                new InMemorySessionKey(sessionKey), "client", "openid profile"));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, e.kind());
        assertEquals(0, service.server.getRequestCount());
    }
}
