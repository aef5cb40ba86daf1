package org.dsreg.adapter.drs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import javax.inject.Inject;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsTokens;

/** DRS access tokens from a file or from the OAuth 2.0 device authorization grant (RFC 8628). */
final class HttpDrsTokens implements DrsTokens {
    private final DeviceCodeFlow flow;

    @Inject
    HttpDrsTokens(DeviceCodeFlow flow) {
        this.flow = flow;
    }

    HttpDrsTokens(HttpClients http) {
        this(new DeviceCodeFlow(http));
    }

    @Override
    public AccessToken fromFile(Path file) {
        return fromFile(file, warning -> { });
    }

    /** An access token file readable by group or others is used, with a warning (a short-lived token). */
    @Override
    public AccessToken fromFile(Path file, Consumer<String> warning) {
        TokenFile.Content content = TokenFile.read(file, "token file", "access token");
        if (content.readableByOthers()) {
            warning.accept("dsreg: warning: the token file " + file + " is readable by group or others;"
                    + " protect it with 'chmod 600 " + file + "'");
        }
        return JwtClaims.accessToken(content.token(), Optional.empty());
    }

    @Override
    public AccessToken deviceCode(Discovery discovery, String clientId, String scope, Consumer<String> prompt) {
        JsonNode reply = flow.signIn(discovery.details(), clientId, scope, prompt, HttpDrsTokens::failed,
                "run the join again");
        String token = DeviceCodeFlow.text(reply, "access_token")
                .orElseThrow(() -> failed("no access_token in the reply"));
        Optional<Instant> exp = reply.path("expires_in").canConvertToLong()
                ? Optional.of(Instant.now().plusSeconds(reply.path("expires_in").asLong())) : Optional.empty();
        return JwtClaims.accessToken(token, exp);
    }

    /** The tenant's authority (https://host/tenant) from discovery's OAuth2 token endpoint. */
    static String authority(Discovery discovery) {
        return DeviceCodeFlow.authority(discovery.details());
    }

    private static DsregException failed(String message) {
        return new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "no DRS token by the device code flow: " + message);
    }
}
