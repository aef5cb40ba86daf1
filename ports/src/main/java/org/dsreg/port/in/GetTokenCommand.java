package org.dsreg.port.in;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.TenantId;

/** {@code --gettoken}: an access token for {@code clientId} and {@code scope} through dsreg's PRT for the tenant. */
public record GetTokenCommand(TenantId tenant, String clientId, String scope, Optional<String> account) {
    public GetTokenCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(account, "account");
        if (!TenantId.looksLikeGuid(clientId)) {
            throw DsregException.invalidArgument("the client id must be a GUID (an application id)");
        }
        if (scope.isBlank() || scope.chars().anyMatch(c -> c < ' ' || c > '~')) {
            throw DsregException.invalidArgument("the scope must be printable ASCII, such as"
                    + " https://graph.microsoft.com/.default");
        }
        if (account.filter(String::isBlank).isPresent()) {
            throw DsregException.invalidArgument("the account must not be empty");
        }
    }
}
