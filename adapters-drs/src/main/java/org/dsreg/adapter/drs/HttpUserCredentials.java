package org.dsreg.adapter.drs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javax.inject.Inject;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.TenantDetails;
import org.dsreg.port.out.UserCredential;
import org.dsreg.port.out.UserCredentials;

/**
 * A first PRT's user credential: the refresh token of a device code sign-in (the join's loop,
 * {@link DeviceCodeFlow}), or one kept in a file that only its owner may read. Every failure is
 * {@code DRS_TOKEN_REQUIRED} (exit 5: no usable credential).
 */
final class HttpUserCredentials implements UserCredentials {
    private final DeviceCodeFlow flow;

    @Inject
    HttpUserCredentials(DeviceCodeFlow flow) {
        this.flow = flow;
    }

    @Override
    public UserCredential deviceCode(TenantDetails tenant, String clientId, String scope, Consumer<String> prompt) {
        JsonNode reply = flow.signIn(tenant, clientId, scope, prompt, HttpUserCredentials::failed, "sign in again");
        String refreshToken = DrsCalls.text(reply, "refresh_token").orElseThrow(() -> failed(
                "the sign-in gave no refresh_token (the scope must include offline_access)"));
        Optional<JsonNode> idToken = DrsCalls.text(reply, "id_token").flatMap(JwtClaims::of);
        return new UserCredential(refreshToken, JwtClaims.upn(idToken), JwtClaims.text(idToken, "oid"));
    }

    /** A refresh token is a long-lived credential: a file group or others may read is refused, not warned about. */
    @Override
    public UserCredential refreshTokenFile(Path file) {
        TokenFile.Content content = TokenFile.read(file, "refresh token file", "refresh token");
        if (content.readableByOthers()) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the refresh token file " + file
                    + " is readable by group or others; protect it with 'chmod 600 " + file + "' and run again");
        }
        return new UserCredential(content.token(), Optional.empty(), Optional.empty());
    }

    private static DsregException failed(String message) {
        return new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "no user sign-in by the device code flow: " + message);
    }
}
