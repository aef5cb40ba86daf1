package org.dsreg.application;

import java.util.List;
import java.util.Locale;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.Account;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.AcquireDrsTokenCommand;
import org.dsreg.port.in.AcquireDrsTokenUseCase;
import org.dsreg.port.out.TokenRequest;
import org.dsreg.port.out.UserBroker;

/** Picks the broker account, asks the broker for a DRS token silently, and checks its audience. */
public final class AcquireDrsTokenService implements AcquireDrsTokenUseCase {
    static final String REDIRECT_URI = "https://login.microsoftonline.com/common/oauth2/nativeclient";
    static final String AUTHORITY = "https://login.microsoftonline.com/";

    private final UserBroker broker;

    public AcquireDrsTokenService(UserBroker broker) {
        this.broker = broker;
    }

    @Override
    public AccessToken acquireDrsToken(AcquireDrsTokenCommand command) {
        Account account = choose(broker.accounts(), command);
        String tenant = account.tenantId().map(Object::toString).orElse("organizations");
        AccessToken token = broker.acquireTokenSilently(account,
                new TokenRequest(DRS_CLIENT_ID, REDIRECT_URI, AUTHORITY + tenant, List.of(DRS_SCOPE)));
        String audience = token.audience().orElseThrow(() -> new DsregException(ErrorKind.QUERY_FAILED,
                "the broker's token has no audience (aud) claim; it is not a DRS token"));
        if (!audience.equals(DRS_AUDIENCE) && !audience.equals(DRS_RESOURCE)) {
            throw new DsregException(ErrorKind.QUERY_FAILED,
                    "the broker's token is for '" + audience + "', not for the Device Registration Service");
        }
        return token;
    }

    private static Account choose(List<Account> accounts, AcquireDrsTokenCommand command) {
        List<Account> candidates = accounts.stream()
                .filter(a -> command.tenant().map(t -> a.tenantId().map(t::equals).orElse(false)).orElse(true))
                .filter(a -> command.username().map(u -> a.username().toLowerCase(Locale.ROOT)
                        .equals(u.toLowerCase(Locale.ROOT))).orElse(true))
                .toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.isEmpty()) {
            String which = command.username().map(u -> "named " + u).orElse("")
                    + command.tenant().map(t -> (command.username().isPresent() ? " " : "") + "in tenant " + t).orElse("");
            throw new DsregException(ErrorKind.QUERY_FAILED, accounts.isEmpty()
                    ? "the identity broker holds no account for this user"
                    : "the identity broker holds no account " + which.strip(),
                    Remedy.say("sign in with your work account first"), null);
        }
        List<String> names = candidates.stream().map(Account::username).toList();
        throw new DsregException(ErrorKind.INVALID_ARGUMENTS, "the identity broker holds several accounts ("
                + String.join(", ", names) + ")", new Remedy.ChooseAccount(names), null);
    }
}
