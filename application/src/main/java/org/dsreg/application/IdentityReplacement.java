package org.dsreg.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.Replacement;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.port.in.JoinDeviceCommand;
import org.dsreg.port.in.JoinDeviceUseCase.DeviceCodePrompt;
import org.dsreg.port.in.ReplaceIdentityCommand;
import org.dsreg.port.in.ReplaceIdentityUseCase;
import org.dsreg.port.out.DeviceNotFoundException;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.DeviceRegistrationService.DeviceObject;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.PrtExchange;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StagedIdentities;
import org.dsreg.port.out.StagedIdentities.Purpose;
import org.dsreg.port.out.StagedIdentities.Staged;
import org.dsreg.port.out.StateLock;
import org.dsreg.spi.keystorage.KeyStorage;

/**
 * {@code --repair} and {@code --rekey}, one engine: a new join (same join type, device mode and display name; keys
 * in the target storage), recorded with the previous registration as soon as DRS answers; the new identity proved
 * (the device GET over TLS with the new key); for a rekey the previous device deleted at DRS with its own key
 * (unless DRS reused the object); then the tenant's PRTs (they name the previous device) go; only then the swap, one
 * atomic save; then the previous keys. A failure before the swap is settled by {@link IdentityRecovery}: back
 * (the new device deleted at DRS, its keys removed) unless the previous device is gone already; a crash is settled
 * the same way by the next run that takes the state lock.
 */
public final class IdentityReplacement implements ReplaceIdentityUseCase {
    /** The points between the steps that change something, in order (a test stops or fails the run at each). */
    public enum Step { STAGED, JOINED, VERIFIED, PREVIOUS_DELETED, PRTS_REMOVED, SWAPPED, PREVIOUS_KEYS_REMOVED, DONE }

    /** Told of each step reached; production's does nothing (a test's stops or fails the run there). */
    public interface Steps {
        void reached(Step step);
    }

    private final JoinDeviceService joins;
    private final DeviceRegistrationService drs;
    private final KeyStorages storages;
    private final RegistrationStore store;
    private final StagedIdentities staged;
    private final IdentityRecovery recovery;
    private final RepairCheck check;
    private final StateLock lock;
    private final Clock clock;
    private final Steps steps;

    /**
     * With the recorded key storages and store of {@link IntentRecords}, a lock that settles leftovers, and dsreg's
     * PRTs (through which the token service is asked whether a device it cannot ask DRS about is disabled).
     */
    public IdentityReplacement(JoinDeviceService joins, DeviceRegistrationService drs, KeyStorages storages,
                               RegistrationStore store, StagedIdentities staged, IdentityRecovery recovery,
                               PrtStore prts, PrtExchange exchange, StateLock lock, Clock clock) {
        this(joins, drs, storages, store, staged, recovery, prts, exchange, lock, clock, step -> { });
    }

    /** As the constructor above, telling {@code steps} of each step reached (a test's stops or fails the run). */
    public IdentityReplacement(JoinDeviceService joins, DeviceRegistrationService drs, KeyStorages storages,
                               RegistrationStore store, StagedIdentities staged, IdentityRecovery recovery,
                               PrtStore prts, PrtExchange exchange, StateLock lock, Clock clock, Steps steps) {
        this(joins, drs, storages, store, staged, recovery, new TokenServiceStanding(prts, exchange, storages, clock),
                lock, clock, steps);
    }

    IdentityReplacement(JoinDeviceService joins, DeviceRegistrationService drs, KeyStorages storages,
                        RegistrationStore store, StagedIdentities staged, IdentityRecovery recovery,
                        TokenServiceStanding standing, StateLock lock, Clock clock, Steps steps) {
        this.joins = joins;
        this.drs = drs;
        this.storages = storages;
        this.store = store;
        this.staged = staged;
        this.recovery = recovery;
        this.check = new RepairCheck(drs, storages, standing);
        this.lock = lock;
        this.clock = clock;
        this.steps = steps;
    }

    @Override
    public Replacement replace(ReplaceIdentityCommand command, DeviceCodePrompt prompt) {
        try (StateLock.Held held = lock.acquire()) {
            refusePending(command);
            Registration previous = store.find(command.tenant()).orElseThrow(() -> new DsregException(
                    ErrorKind.QUERY_FAILED, "this device is not registered with tenant " + command.tenant()
                    + " by dsreg: there is no identity to " + verb(command), new Remedy.ShowStatus(
                    "for the registrations on this device"), null));
            String target = command.keyStorage().orElse(previous.deviceKey().storage());
            if (command.purpose() == Purpose.REKEY && target.equals(previous.deviceKey().storage())) {
                throw DsregException.invalidArgument("the keys of tenant " + command.tenant() + " are in key storage '"
                        + target + "' already");
            }
            KeyStorage newStorage = storages.find(target).orElseThrow(() -> DsregException.invalidArgument(
                    "no key storage named '" + target + "' (available: " + String.join(", ", storages.names()) + ")"));
            Discovery discovery = drs.discover(command.tenant().toString());
            ServiceEndpoint join = IdentityRecovery.joinService(previous.withTenantDetails(discovery.details()));
            RepairCheck.Finding finding = command.purpose() == Purpose.REPAIR
                    ? check.repair(join, previous, clock.instant(), command.force())
                    : check.rekey(join, previous, command.force());
            if (finding.healthy()) {
                return Replacement.healthy(previous, finding.reason());
            }
            JoinDeviceCommand again = new JoinDeviceCommand(command.tenant().toString(), previous.joinType(),
                    finding.device().flatMap(DeviceObject::displayName).or(previous::displayName),
                    command.tokenSource(), target, previous.deviceMode().orElse(DeviceMode.EXCLUSIVE));
            return replace(newIdentity(previous, command.purpose(), discovery, again, newStorage, prompt), finding,
                    join);
        }
    }

    /**
     * An earlier replacement of the tenant that the lock could not settle: a new one would overwrite its record, and
     * nothing would then undo or keep its new device. Tried once more here, to say what cannot be asked.
     */
    private void refusePending(ReplaceIdentityCommand command) {
        Optional<Staged> pending = staged.pending().stream().filter(s -> s.tenant().equals(command.tenant()))
                .findFirst();
        if (pending.isEmpty()) {
            return;
        }
        try {
            recovery.settle(pending.get());
        } catch (DsregException e) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "an earlier replacement of tenant " + command.tenant()
                    + " (new device " + pending.get().next().deviceId() + ") is not settled yet: " + e.getMessage()
                    + "; a new " + verb(command) + " would lose track of it", Remedy.say("run this again once that"
                    + " answers: the run that takes the state lock settles it first"), e);
        }
    }

    /**
     * The new join, recorded with the previous registration as soon as DRS's reply names the new
     * device, before the reply is verified: a crash from there on is settled by the next run, which can undo the
     * device with its own key. What is left is the reply in flight, as for {@code --join}: MS-DRS has no idempotency
     * key. A failure here undoes the new device (the record and the keys stay when DRS cannot be asked).
     */
    private Staged newIdentity(Registration previous, Purpose purpose, Discovery discovery, JoinDeviceCommand command,
                               KeyStorage storage, DeviceCodePrompt prompt) {
        List<KeyRef> created = new ArrayList<>();
        List<Registration> replied = new ArrayList<>(1);
        List<Staged> recorded = new ArrayList<>(1);
        try {
            joins.newIdentity(discovery, command, storage, prompt, created, next -> {
                replied.add(next);
                Staged s = new Staged(previous, next, purpose);
                staged.stage(s);
                recorded.add(s);
                steps.reached(Step.STAGED);
            });
            steps.reached(Step.JOINED);
            return recorded.get(0);
        } catch (RuntimeException e) {
            if (!recorded.isEmpty()) {
                if (!undoQuietly(recorded.get(0))) {
                    created.clear(); // the record keeps them: the next run undoes the new device with its key
                }
            } else if (!replied.isEmpty() && !replied.get(0).deviceId().equals(previous.deviceId())) {
                deleteQuietly(replied.get(0), storage); // not recorded: the device object is left as --join leaves it
            }
            JoinDeviceService.removeQuietly(storage, created);
            throw e;
        }
    }

    private boolean undoQuietly(Staged s) {
        try {
            recovery.undo(s);
            return true;
        } catch (DsregException e) {
            return false;
        }
    }

    private Replacement replace(Staged s, RepairCheck.Finding finding, ServiceEndpoint join) {
        Registration next = s.next();
        Registration previous = s.previous();
        List<String> warnings = new ArrayList<>(finding.warning().stream().toList());
        boolean previousGone = finding.previousGone();
        int prtsRemoved = 0;
        try {
            drs.checkDevice(join, next.deviceId(), next.certificate(), storages.find(next.deviceKey().storage())
                    .orElseThrow(), next.deviceKey().alias());
            steps.reached(Step.VERIFIED);
            if (!previousGone && !next.deviceId().equals(previous.deviceId())) {
                previousGone = deletePrevious(s, join, warnings);
                steps.reached(Step.PREVIOUS_DELETED);
            }
            prtsRemoved = recovery.removePrts(s); // they name the previous device
            steps.reached(Step.PRTS_REMOVED);
            store.save(next); // the swap
        } catch (RuntimeException e) {
            return settleAfter(s, e, finding.reason(), warnings, previousGone, prtsRemoved);
        }
        finishAfterSwap(s, warnings);
        return new Replacement(previous, Optional.of(next), finding.reason(), previousGone, prtsRemoved > 0, warnings);
    }

    /** A failure before the swap: settled by what DRS says; forward only when the previous device is gone. */
    private Replacement settleAfter(Staged s, RuntimeException failure, String reason, List<String> warnings,
                                    boolean previousGone, int prtsRemoved) {
        IdentityRecovery.Settled settled;
        try {
            settled = recovery.settle(s);
        } catch (DsregException unsettled) {
            failure.addSuppressed(unsettled);
            throw new DsregException(failure instanceof DsregException d ? d.kind() : ErrorKind.QUERY_FAILED,
                    failure.getMessage() + "; the new device " + s.next().deviceId() + " is undone or kept by the next"
                    + " run that takes the state lock, by what DRS says then (the registration in use is unchanged)",
                    Remedy.say("run it again once DRS answers"), failure);
        }
        if (settled.outcome() == IdentityRecovery.Outcome.BACK) {
            throw failure;
        }
        List<String> all = new ArrayList<>(warnings);
        all.add("a step failed (" + failure.getMessage() + "), but DRS has the new device and the previous identity"
                + " no longer works (or is being repaired): the new identity was kept");
        return new Replacement(s.previous(), Optional.of(s.next()), reason, previousGone || settled.previousGone(),
                prtsRemoved + settled.prtsRemoved() > 0, all);
    }

    /**
     * Deletes the previous device with its own key: required for a rekey (a refusal fails the run); for a repair,
     * left for an administrator when it cannot be deleted as itself (key gone, refused for good), and DRS that cannot
     * be reached fails the run, so that the record keeps the key that can still delete it.
     */
    private boolean deletePrevious(Staged s, ServiceEndpoint join, List<String> warnings) {
        Registration previous = s.previous();
        if (s.purpose() == Purpose.REPAIR) {
            DeviceAtDrs.Deletion d = recovery.deletePrevious(join, previous);
            d.leftBecause().ifPresent(why -> warnings.add("the previous device " + previous.deviceId() + " was not"
                    + " deleted at DRS (" + why + "); an administrator can delete it in the Microsoft Entra admin"
                    + " center"));
            return d.gone();
        }
        KeyStorage storage = storages.find(previous.deviceKey().storage()).orElseThrow(() -> new DsregException(
                ErrorKind.UNREGISTRATION_FAILED, "the previous device key's storage '"
                + previous.deviceKey().storage() + "' is not available", null, null));
        try {
            drs.delete(join, previous.deviceId(), previous.certificate(), storage, previous.deviceKey().alias());
        } catch (DeviceNotFoundException e) {
            // gone already
        }
        return true;
    }

    /** After the swap: a failure is left to the next run, which finishes from the record. */
    private void finishAfterSwap(Staged s, List<String> warnings) {
        try {
            steps.reached(Step.SWAPPED);
            recovery.removeKeys(s.previous());
            steps.reached(Step.PREVIOUS_KEYS_REMOVED);
            staged.remove(s.tenant());
            steps.reached(Step.DONE);
        } catch (RuntimeException e) {
            warnings.add("the new identity is in use; removing what the previous one left failed (" + e.getMessage()
                    + "): the next run that takes the state lock finishes it");
        }
    }

    private void deleteQuietly(Registration next, KeyStorage storage) {
        try {
            drs.delete(IdentityRecovery.joinService(next), next.deviceId(), next.certificate(), storage,
                    next.deviceKey().alias());
        } catch (DsregException e) {
            // the join's own failure matters more; the device object is left as a failed --join leaves it
        }
    }

    private static String verb(ReplaceIdentityCommand command) {
        return command.purpose() == Purpose.REPAIR ? "repair" : "move to another key storage";
    }
}
