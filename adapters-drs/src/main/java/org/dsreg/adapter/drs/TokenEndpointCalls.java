package org.dsreg.adapter.drs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.dsreg.domain.TenantDetails;

/**
 * One form POST to the tenant's v1 token endpoint for the PRT grants: a fresh {@code client-request-id} (a UUID) with
 * {@code return-client-request-id: true} on every request (as MSAL and ROADtools' {@code roadlib/auth.py} send, so
 * that the service's logs and trace ids can be matched to dsreg's), the reply read up to {@link DrsCalls#MAX_BODY}.
 * A transport failure is {@code no-reply}, a reply too large {@code bad-reply}, an error status
 * {@link TokenServiceErrors#refused}.
 */
final class TokenEndpointCalls {
    /** Where and under which id one request went: what a failure and a grant report. */
    record Call(String endpoint, String correlationId) {
    }

    /** A successful reply's body. */
    record Reply(Call call, int status, byte[] body) {
    }

    private final HttpClients http;
    private final DrsSettings settings;

    @Inject
    TokenEndpointCalls(HttpClients http, DrsSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /**
     * The v1 token endpoint ({@code https://host/tenant/oauth2/token}, where both public clients send PRT grants)
     * of the tenant, from the token endpoint discovery named at join. None, or not https: a failed query (exit 3),
     * not a missing credential: the registration's stored tenant details are at fault, and no request is made.
     */
    static String endpoint(TenantDetails tenant) {
        String named = tenant.accessTokenUrl().orElseThrow(() -> TokenServiceErrors.noRequest("",
                "the registration names no token endpoint (discovery gave none at join)"));
        return DeviceCodeFlow.authorityOf(named).map(a -> a + "/oauth2/token").orElseThrow(() ->
                TokenServiceErrors.noRequest(named, "the registration's token endpoint is not an https URL"));
    }

    /** POSTs {@code form} (in its order) to {@code endpoint}; returns a 2xx reply, or throws. */
    Reply post(String endpoint, String what, Map<String, String> form) {
        Call call = new Call(endpoint, UUID.randomUUID().toString());
        FormBody.Builder body = new FormBody.Builder();
        form.forEach(body::add);
        Request request = new Request.Builder().url(HttpUrl.get(endpoint))
                .header("client-request-id", call.correlationId())
                .header("return-client-request-id", "true")
                .header("Accept", "application/json")
                .post(body.build()).build();
        int status;
        byte[] bytes;
        try (Response response = http.client().newCall(request).execute()) {
            status = response.code();
            Optional<byte[]> read = DrsCalls.boundedBody(response.body());
            if (read.isEmpty()) {
                throw TokenServiceErrors.badReply(call, Optional.of(status), what, "the reply is larger than "
                        + DrsCalls.MAX_BODY / 1024 + " KiB", null);
            }
            bytes = read.get();
        } catch (InterruptedIOException e) {
            throw TokenServiceErrors.noReply(call, "the token service at " + request.url().host()
                    + " did not answer the " + what + " within " + settings.requestTimeout().toSeconds() + " s"
                    + ProxyTimeout.through(e) + " (timeout)", e);
        } catch (IOException e) {
            throw TokenServiceErrors.noReply(call, "the " + what + " to " + request.url().host() + " failed: "
                    + DrsCalls.oneLine(e), e);
        }
        if (status < 200 || status > 299) {
            throw TokenServiceErrors.refused(call, status, what, bytes);
        }
        return new Reply(call, status, bytes);
    }
}
