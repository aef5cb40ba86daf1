package org.dsreg.application;

import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.SessionKey;
import org.dsreg.port.out.SessionKeyRef;
import org.dsreg.port.out.StoredPrt;
import org.dsreg.spi.keystorage.KeyStorage;

/**
 * What the PRT use cases share: dsreg's own registration with a tenant, the stored PRT an account names, and the
 * session key a stored PRT refers to.
 */
final class PrtAccounts {
    private PrtAccounts() {
    }

    /** dsreg's registration with the tenant; none is {@code DRS_TOKEN_REQUIRED}: no device credential. */
    static Registration ownRegistration(RegistrationStore store, TenantId tenant) {
        return store.find(tenant).filter(r -> r.source() == RegistrationSource.DSREG).orElseThrow(() ->
                new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "dsreg holds no registration with tenant " + tenant
                        + ": a PRT is requested with the device key of dsreg's own registration",
                        Remedy.either(new Remedy.Join(org.dsreg.domain.JoinType.JOINED),
                                new Remedy.ShowStatus("for the registrations on this device")), null));
    }

    /** The storage a registration's keys are in; missing is {@code DRS_TOKEN_REQUIRED}: the device key is unusable. */
    static KeyStorage storage(KeyStorages storages, String name) {
        return storages.find(name).orElseThrow(() -> new DsregException(ErrorKind.DRS_TOKEN_REQUIRED,
                "the key storage '" + name + "' is not available here", null, null));
    }

    /**
     * The stored PRT {@code account} (a UPN, any case, or an object id) names; without an account, the only one.
     * Empty when none matches (or none is kept). Several and no account is {@code INVALID_ARGUMENTS}.
     */
    static Optional<StoredPrt> select(List<StoredPrt> prts, Optional<String> account) {
        if (account.isPresent()) {
            return prts.stream().filter(p -> names(account.get(), p.metadata().upn(), p.metadata().objectId()))
                    .findFirst();
        }
        if (prts.size() > 1) {
            List<String> upns = prts.stream().map(p -> p.metadata().upn()).sorted().toList();
            throw new DsregException(ErrorKind.INVALID_ARGUMENTS, "dsreg holds PRTs for " + prts.size()
                    + " accounts (" + String.join(", ", upns) + "); name one", new Remedy.ChooseAccount(upns), null);
        }
        return prts.stream().findFirst();
    }

    /** Whether {@code account} (a UPN or object id) names the signed-in user. */
    static boolean names(String account, String upn, String objectId) {
        String a = account.strip();
        return a.equalsIgnoreCase(upn) || a.equalsIgnoreCase(objectId);
    }

    /** The HMAC of the session key a stored PRT refers to: in its backend, or held by dsreg. */
    static SessionKey sessionKey(KeyStorages storages, SessionKeyRef ref) {
        if (ref instanceof SessionKeyRef.InStorage in) {
            KeyStorage storage = storage(storages, in.storage());
            return message -> storage.sessionKeyHmac(in.alias(), message);
        }
        return SessionKey.inMemory(((SessionKeyRef.Inline) ref).key());
    }

    /** Deletes a session key kept in a backend; a failure is left for the next change (it is harmless alone). */
    static void deleteQuietly(KeyStorages storages, SessionKeyRef ref) {
        if (ref instanceof SessionKeyRef.InStorage in) {
            try {
                storages.find(in.storage()).ifPresent(s -> s.deleteSessionKey(in.alias()));
            } catch (DsregException e) {
                // an orphan session key is useless without its PRT file
            }
        }
    }
}
