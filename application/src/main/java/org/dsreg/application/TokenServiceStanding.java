package org.dsreg.application;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.Registration;
import org.dsreg.port.out.PrtExchange;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.StoredPrt;
import org.dsreg.port.out.TokenServiceException;
import org.dsreg.port.out.KeyStorages;

/**
 * What the token service says of a device, asked through one of dsreg's live PRTs of its tenant: an access-token
 * request signed with the PRT's session key (the device key is not needed, so this works when it is gone). The
 * service refuses a disabled device's request with AADSTS135011 and a device it does not know with AADSTS700003
 * (docs/protocol.md); a token means it knows the device and it is enabled. Called holding the state lock: no lock
 * is taken and nothing is stored (the token is dropped).
 */
final class TokenServiceStanding {
    /** What the token service said. */
    enum Answer { ENABLED, DISABLED, GONE, UNKNOWN }

    /** The answer and, for the user, how it was had (or why there is none). */
    record Standing(Answer answer, String reason) {
    }

    private final PrtStore prts;
    private final PrtExchange exchange;
    private final KeyStorages storages;
    private final Clock clock;

    TokenServiceStanding(PrtStore prts, PrtExchange exchange, KeyStorages storages, Clock clock) {
        this.prts = prts;
        this.exchange = exchange;
        this.storages = storages;
        this.clock = clock;
    }

    /** Asked through each live PRT of the tenant in turn, until one gets a definite answer. */
    Standing of(Registration r) {
        List<StoredPrt> live;
        try {
            live = prts.list(r.tenantId()).stream().filter(p -> !p.metadata().expiredAt(clock.instant())).toList();
        } catch (DsregException e) {
            return new Standing(Answer.UNKNOWN, "dsreg's PRTs cannot be read: " + e.getMessage());
        }
        Standing standing = new Standing(Answer.UNKNOWN, "dsreg holds no live PRT of tenant " + r.tenantId()
                + " to ask the token service with");
        for (StoredPrt prt : live) {
            standing = through(r, prt);
            if (standing.answer() != Answer.UNKNOWN) {
                return standing;
            }
        }
        return standing;
    }

    private Standing through(Registration r, StoredPrt prt) {
        try {
            exchange.accessToken(r, prt.prt(), PrtAccounts.sessionKey(storages, prt.sessionKey()),
                    ManagementDiagnosis.GRAPH_CLIENT_ID, ManagementDiagnosis.GRAPH_SCOPE);
            return new Standing(Answer.ENABLED, "the token service accepted the PRT of " + prt.metadata().upn()
                    + " for device " + r.deviceId());
        } catch (TokenServiceException e) {
            Optional<String> code = e.errorCode();
            if (code.equals(Optional.of(ManagementDiagnosis.DEVICE_DISABLED))) {
                return new Standing(Answer.DISABLED, e.getMessage());
            }
            if (code.equals(Optional.of(ManagementDiagnosis.DEVICE_NOT_FOUND))) {
                return new Standing(Answer.GONE, "the token service does not know device " + r.deviceId() + ": "
                        + e.getMessage());
            }
            return unknown(prt, e);
        } catch (DsregException e) {
            return unknown(prt, e);
        }
    }

    private static Standing unknown(StoredPrt prt, DsregException e) {
        return new Standing(Answer.UNKNOWN, "the PRT of " + prt.metadata().upn() + " got no answer about the device: "
                + e.getMessage());
    }
}
