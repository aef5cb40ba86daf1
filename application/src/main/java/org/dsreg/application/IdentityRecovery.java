package org.dsreg.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.CertificateValidity;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.port.out.DeviceNotFoundException;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StagedIdentities;
import org.dsreg.port.out.StagedIdentities.Staged;
import org.dsreg.port.out.StateLock;
import org.dsreg.spi.keystorage.KeyStorage;

/**
 * Settles an identity replacement ({@code --repair}, {@code --rekey}) by what is stored here and what DRS says of
 * the two devices, so that exactly one identity works afterwards: the replacement's own failure path, and whoever
 * takes the state lock after a crash. Forward when the new registration is the one stored, or when the new device
 * answers and the previous one may go (a repair; the same device object; a previous device DRS no longer has):
 * the tenant's PRTs (they name the previous device) go before the swap, so that a record left after it never
 * removes a PRT of the new device; back otherwise (the new device deleted at DRS over TLS with its own key, its
 * keys removed). A DRS or key storage that cannot be asked leaves the record, and both identities' keys, for the
 * next run.
 */
public final class IdentityRecovery {
    /** Which way a replacement was settled. */
    enum Outcome { FORWARD, BACK }

    private final DeviceRegistrationService drs;
    private final KeyStorages storages;
    private final RegistrationStore store;
    private final StagedIdentities staged;
    private final PrtStore prts;
    private final Clock clock;

    /** With the key storages and registration store of {@link IntentRecords} (their writes complete its records). */
    public IdentityRecovery(DeviceRegistrationService drs, KeyStorages storages, RegistrationStore store,
                            StagedIdentities staged, PrtStore prts, Clock clock) {
        this.drs = drs;
        this.storages = storages;
        this.store = store;
        this.staged = staged;
        this.prts = prts;
        this.clock = clock;
    }

    /** The state lock, which settles the replacements left behind once it is held. */
    public StateLock around(StateLock lock) {
        return lock.then(this::settleAll);
    }

    /** The keys of the replacements under way: no cleanup of interrupted creations removes them. */
    public static List<KeyRef> referencedKeys(StagedIdentities staged) {
        List<KeyRef> keys = new ArrayList<>();
        staged.pending().forEach(s -> keys.addAll(s.keys()));
        return keys;
    }

    void settleAll() {
        for (Staged s : staged.pending()) {
            try {
                settle(s);
            } catch (DsregException e) {
                // DRS (or a key storage) cannot be asked now: the record stays, and the next locked run tries again
            }
        }
    }

    /**
     * How a replacement was settled: which way, how many accounts' PRTs went (they named the previous device), and
     * whether DRS no longer has the previous device (deleted now, or gone already).
     */
    record Settled(Outcome outcome, int prtsRemoved, boolean previousGone) {
    }

    /** Settles one replacement; returns how. Throws, leaving the record, when DRS cannot be asked. */
    Settled settle(Staged s) {
        Optional<Registration> current = store.find(s.tenant());
        if (current.filter(c -> same(c, s.next())).isPresent()) {
            // swapped before: the PRTs went before the swap, and any since are the new device's
            removeKeys(s.previous());
            staged.remove(s.tenant());
            return new Settled(Outcome.FORWARD, 0, false);
        }
        if (current.filter(c -> same(c, s.previous())).isEmpty()) {
            undo(s); // unregistered meanwhile, or replaced by hand: the new device is nobody's
            return new Settled(Outcome.BACK, 0, false);
        }
        ServiceEndpoint join = joinService(s.next());
        if (!exists(join, s.next())) {
            removeKeys(s.next());
            staged.remove(s.tenant());
            return new Settled(Outcome.BACK, 0, false);
        }
        boolean sameObject = s.next().deviceId().equals(s.previous().deviceId());
        boolean previousGone = !sameObject && (s.purpose() == StagedIdentities.Purpose.REPAIR
                ? deletePreviousQuietly(join, s.previous()) : previousGone(join, s.previous()));
        if (s.purpose() == StagedIdentities.Purpose.REPAIR || sameObject || previousGone) {
            int prtsRemoved = removePrts(s);
            store.save(s.next()); // the swap: one atomic write
            removeKeys(s.previous());
            staged.remove(s.tenant());
            return new Settled(Outcome.FORWARD, prtsRemoved, previousGone);
        }
        undo(s);
        return new Settled(Outcome.BACK, 0, false);
    }

    /** The PRTs of the tenant and their session keys; how many accounts had one. */
    int removePrts(Staged s) {
        var removed = prts.deleteAll(s.tenant());
        removed.forEach(p -> PrtAccounts.deleteQuietly(storages, p.sessionKey()));
        return removed.size();
    }

    /** Deletes the new device at DRS (unless it is the previous object), then its keys and the record. */
    void undo(Staged s) {
        if (!s.next().deviceId().equals(s.previous().deviceId())) {
            KeyStorage storage = storage(s.next().deviceKey());
            try {
                drs.delete(joinService(s.next()), s.next().deviceId(), s.next().certificate(), storage,
                        s.next().deviceKey().alias());
            } catch (DeviceNotFoundException e) {
                // gone already
            }
        }
        removeKeys(s.next());
        staged.remove(s.tenant());
    }

    /**
     * A repaired identity's previous device, deleted with its own key when that still works (an expiring
     * certificate); a key that is gone, or a refusal, leaves it to an administrator. Whether DRS no longer has it.
     */
    private boolean deletePreviousQuietly(ServiceEndpoint join, Registration previous) {
        try {
            Optional<KeyStorage> storage = storages.find(previous.deviceKey().storage());
            if (storage.isPresent() && storage.get().publicKey(previous.deviceKey().alias()).isPresent()) {
                drs.delete(join, previous.deviceId(), previous.certificate(), storage.get(),
                        previous.deviceKey().alias());
                return true;
            }
        } catch (DeviceNotFoundException e) {
            return true;
        } catch (DsregException e) {
            // refused, or DRS cannot be asked: the new identity works either way
        }
        return false;
    }

    /**
     * Whether DRS still has the device (asked over TLS with its own key); a key that is gone from its storage cannot
     * work. A key storage that is not available here cannot tell: that throws, and the record waits.
     */
    boolean exists(ServiceEndpoint join, Registration r) {
        KeyStorage storage = storage(r.deviceKey());
        if (storage.publicKey(r.deviceKey().alias()).isEmpty()) {
            return false;
        }
        try {
            drs.readDevice(join, r.deviceId(), r.certificate(), storage, r.deviceKey().alias());
            return true;
        } catch (DeviceNotFoundException e) {
            return false;
        }
    }

    /**
     * Whether DRS no longer has a rekey's previous device. DRS refusing to answer it as itself (a 4xx other than 404:
     * an administrator disabled it, its certificate is refused; or no answer to a certificate that is not valid now)
     * is no: it cannot be deleted with its own key either, so the rekey goes back and leaves that identity as it
     * was, for a repair. Only a DRS that cannot be reached (no answer, 5xx) leaves the record to wait.
     */
    private boolean previousGone(ServiceEndpoint join, Registration previous) {
        try {
            return !exists(join, previous);
        } catch (DrsException e) {
            boolean refused = e.httpStatus() >= 400 && e.httpStatus() < 500;
            if (refused || previous.certificate().validityAt(clock.instant()) != CertificateValidity.VALID) {
                return false;
            }
            throw e;
        }
    }

    /** A failure keeps the record (the next run removes them); a backend that is not installed has none. */
    void removeKeys(Registration r) {
        List<KeyRef> keys = new ArrayList<>(List.of(r.deviceKey()));
        r.transportKey().ifPresent(keys::add);
        keys.forEach(k -> storages.find(k.storage()).ifPresent(s -> s.delete(k.alias())));
    }

    private KeyStorage storage(KeyRef key) {
        return storages.find(key.storage()).orElseThrow(() -> new DsregException(ErrorKind.QUERY_FAILED,
                "the key storage '" + key.storage() + "' is not available here", null, null));
    }

    static ServiceEndpoint joinService(Registration r) {
        return r.tenantDetails().joinService().orElseThrow(() -> new DsregException(ErrorKind.QUERY_FAILED,
                "the registration of tenant " + r.tenantId() + " names no device join service", null, null));
    }

    private static boolean same(Registration a, Registration b) {
        return a.deviceId().equals(b.deviceId()) && a.certificate().thumbprint().equals(b.certificate().thumbprint())
                && a.deviceKey().equals(b.deviceKey());
    }
}
