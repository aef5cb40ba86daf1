package org.dsreg.application;

import java.time.Clock;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Registration;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.GetTokenCommand;
import org.dsreg.port.in.GetTokenUseCase;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.PrtAccessToken;
import org.dsreg.port.out.PrtExchange;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StateLock;
import org.dsreg.port.out.StoredPrt;

/** An access token through dsreg's PRT for an account: the request signed with the PRT's derived session key. */
public final class GetTokenService implements GetTokenUseCase {
    private final RegistrationStore registrations;
    private final PrtStore prts;
    private final PrtExchange exchange;
    private final KeyStorages keyStorages;
    private final StateLock lock;
    private final Clock clock;

    public GetTokenService(RegistrationStore registrations, PrtStore prts, PrtExchange exchange,
                           KeyStorages keyStorages, StateLock lock, Clock clock) {
        this.registrations = registrations;
        this.prts = prts;
        this.exchange = exchange;
        this.keyStorages = keyStorages;
        this.lock = lock;
        this.clock = clock;
    }

    @Override
    public PrtAccessToken getToken(GetTokenCommand command) {
        try (StateLock.Held held = lock.acquire()) { // a renewal must not swap the session key under us
            Registration registration = PrtAccounts.ownRegistration(registrations, command.tenant());
            StoredPrt prt = PrtAccounts.select(prts.list(command.tenant()), command.account()).orElseThrow(() ->
                    new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "dsreg holds no PRT"
                            + command.account().map(a -> " for " + a).orElse("") + " with tenant " + command.tenant(),
                            new Remedy.RefreshPrt(command.tenant()), null));
            if (prt.metadata().expiredAt(clock.instant())) {
                throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the PRT of " + prt.metadata().upn()
                        + " expired at " + prt.metadata().expiresOn().orElseThrow(),
                        new Remedy.RefreshPrt(command.tenant()), null);
            }
            return exchange.accessToken(registration, prt.prt(),
                    PrtAccounts.sessionKey(keyStorages, prt.sessionKey()), command.clientId(), command.scope());
        }
    }
}
