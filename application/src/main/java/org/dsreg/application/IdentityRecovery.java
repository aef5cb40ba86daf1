package org.dsreg.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StagedIdentities;
import org.dsreg.port.out.StagedIdentities.Staged;
import org.dsreg.port.out.StateLock;

/**
 * Settles an identity replacement ({@code --repair}, {@code --rekey}) by what is stored here and what DRS says of
 * the two devices, so that exactly one identity works afterwards: the replacement's own failure path, and whoever
 * takes the state lock after a crash. Forward when the new registration is the one stored, or when the new device
 * answers and the previous one may go (a repair; the same device object; a previous device DRS no longer has, or
 * that can no longer be asked as itself): the tenant's PRTs (they name the previous device) go before the swap, so
 * that a record left after it never removes a PRT of the new device; back otherwise (the new device deleted at DRS
 * over TLS with its own key, its keys removed). How each device's answers are read is {@link DeviceAtDrs}'s: a
 * device DRS refuses for good is there, and whether it is enabled is an administrator's call. A DRS or key storage
 * that cannot be asked leaves the record, and both identities' keys, for the next run.
 */
public final class IdentityRecovery {
    /** Which way a replacement was settled. */
    enum Outcome { FORWARD, BACK }

    private final KeyStorages storages;
    private final RegistrationStore store;
    private final StagedIdentities staged;
    private final PrtStore prts;
    private final DeviceAtDrs devices;

    /** With the key storages and registration store of {@link IntentRecords} (their writes complete its records). */
    public IdentityRecovery(DeviceRegistrationService drs, KeyStorages storages, RegistrationStore store,
                            StagedIdentities staged, PrtStore prts, Clock clock) {
        this.storages = storages;
        this.store = store;
        this.staged = staged;
        this.prts = prts;
        this.devices = new DeviceAtDrs(drs, storages, clock);
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

    /**
     * Settles one replacement; returns how. Throws, leaving the record and both identities' keys, when DRS cannot be
     * reached or a key storage cannot be asked ({@link DeviceAtDrs}).
     */
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
        DeviceAtDrs.State next = devices.of(join, s.next());
        boolean sameObject = s.next().deviceId().equals(s.previous().deviceId());
        if (next != DeviceAtDrs.State.LIVE && next != DeviceAtDrs.State.REFUSED) {
            // the new identity can never work; PRTs naming a previous device DRS no longer has go too
            int prtsRemoved = !sameObject && devices.of(join, s.previous()) == DeviceAtDrs.State.GONE
                    ? removePrts(s) : 0;
            removeKeys(s.next());
            staged.remove(s.tenant());
            return new Settled(Outcome.BACK, prtsRemoved, false);
        }
        // answered, or refused for good: either way DRS has it, and whether it is enabled is an administrator's call
        boolean forward;
        boolean previousGone = false;
        if (sameObject) {
            forward = true; // the same device object: nothing to delete
        } else if (s.purpose() == StagedIdentities.Purpose.REPAIR) {
            // the previous identity does not work, or soon will not: kept only while it still answers and DRS refuses
            // the new one
            forward = next == DeviceAtDrs.State.LIVE || devices.of(join, s.previous()) != DeviceAtDrs.State.LIVE;
            previousGone = forward && deletePrevious(join, s.previous()).gone();
        } else {
            // a rekey goes forward only when its previous device is gone (deleted, its reply lost), or when it can no
            // longer be used (back would leave an identity that does not work, and could not delete it either)
            DeviceAtDrs.State previous = devices.of(join, s.previous());
            previousGone = previous == DeviceAtDrs.State.GONE;
            forward = previousGone || previous == DeviceAtDrs.State.KEY_GONE
                    || previous == DeviceAtDrs.State.UNASKABLE;
        }
        if (forward) {
            int prtsRemoved = removePrts(s);
            store.save(s.next()); // the swap: one atomic write
            removeKeys(s.previous());
            staged.remove(s.tenant());
            return new Settled(Outcome.FORWARD, prtsRemoved, previousGone);
        }
        undo(s);
        return new Settled(Outcome.BACK, 0, false);
    }

    /**
     * A repair's previous device, deleted with its own key while that works ({@link DeviceAtDrs#delete}). Its key
     * storage is the new identity's (a repair keeps it), so one that is not available here waits for both.
     */
    DeviceAtDrs.Deletion deletePrevious(ServiceEndpoint join, Registration previous) {
        return devices.delete(join, previous);
    }

    /** The PRTs of the tenant and their session keys; how many accounts had one. */
    int removePrts(Staged s) {
        var removed = prts.deleteAll(s.tenant());
        removed.forEach(p -> PrtAccounts.deleteQuietly(storages, p.sessionKey()));
        return removed.size();
    }

    /**
     * Deletes the new device at DRS with its own key (unless it is the previous object; and left there when it cannot
     * be deleted as itself), then its keys and the record. DRS that cannot be reached throws, keeping them.
     */
    void undo(Staged s) {
        if (!s.next().deviceId().equals(s.previous().deviceId())) {
            devices.delete(joinService(s.next()), s.next());
        }
        removeKeys(s.next());
        staged.remove(s.tenant());
    }

    /** A failure keeps the record (the next run removes them); a backend that is not installed has none. */
    void removeKeys(Registration r) {
        List<KeyRef> keys = new ArrayList<>(List.of(r.deviceKey()));
        r.transportKey().ifPresent(keys::add);
        keys.forEach(k -> storages.find(k.storage()).ifPresent(s -> s.delete(k.alias())));
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
