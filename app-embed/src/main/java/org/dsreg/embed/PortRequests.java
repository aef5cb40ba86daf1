package org.dsreg.embed;

import org.dsreg.domain.PrtAttempt;
import org.dsreg.port.in.GetTokenCommand;
import org.dsreg.port.in.RefreshPrtCommand;
import org.dsreg.port.in.RefreshPrtResult;
import org.dsreg.port.out.PrtAccessToken;
import org.dsreg.port.in.CleanupCommand;
import org.dsreg.port.in.JoinDeviceCommand;
import org.dsreg.port.in.TokenSourceSpec;
import org.dsreg.port.out.KeyStorages;

/** The embedding API's requests as the use cases' commands, and their answers back: the only translation. */
final class PortRequests {
    private PortRequests() {
    }

    /** Checks the request as the core does ({@link JoinDeviceCommand}'s rules). */
    static JoinDeviceCommand join(JoinRequest r) {
        return new JoinDeviceCommand(r.tenant().text(), r.joinType(), r.deviceName(), tokenSource(r.tokenSource()),
                r.keyStorage(), r.deviceMode());
    }

    static TokenSourceSpec tokenSource(TokenSource source) {
        if (source instanceof TokenSource.File f) {
            return new TokenSourceSpec.File(f.path());
        }
        if (source instanceof TokenSource.RefreshTokenFile f) {
            return new TokenSourceSpec.RefreshTokenFile(f.path());
        }
        return source instanceof TokenSource.Broker ? new TokenSourceSpec.Broker() : new TokenSourceSpec.DeviceCode();
    }

    static RefreshPrtCommand refreshPrt(RefreshPrtRequest r) {
        return new RefreshPrtCommand(r.tenant(), tokenSource(r.tokenSource()), r.account(), r.signIn());
    }

    static RefreshedPrt refreshed(RefreshPrtResult r) {
        return new RefreshedPrt(r.kind() == PrtAttempt.Kind.ACQUIRE, r.prt());
    }

    static GetTokenCommand accessToken(AccessTokenRequest r) {
        return new GetTokenCommand(r.tenant(), r.clientId(), r.scope(), r.account());
    }

    static IssuedToken issued(PrtAccessToken t) {
        return new IssuedToken(t.token(), t.scope());
    }

    static CleanupCommand cleanup(CleanupRequest r) {
        return new CleanupCommand(r.home().toString(), r.system());
    }

    static KeyStorageBackend backend(KeyStorages.Backend b) {
        return new KeyStorageBackend(b.name(), b.description(), b.capabilities(), b.availability());
    }
}
