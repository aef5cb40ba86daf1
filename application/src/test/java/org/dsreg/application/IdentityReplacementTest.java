package org.dsreg.application;

import static org.dsreg.application.ReplacementWorld.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.Replacement;
import org.dsreg.port.in.ReplaceIdentityCommand;
import org.dsreg.port.in.TokenSourceSpec;
import org.dsreg.port.out.StagedIdentities.Purpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The replacement engine: a rekey or repair stopped (a crash: nothing of the run's own clean-up happens) or failed
 * at every step ends, once the next run has taken the state lock, with exactly one identity that works here and
 * exactly one live device for it at DRS, and nothing else: no other key, no record left.
 */
class IdentityReplacementTest {
    final ReplacementWorld w = new ReplacementWorld();

    /** What a kill -9 does at a step: the run stops, no catch or clean-up of its own runs. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    static ReplaceIdentityCommand rekeyTo(String storage) {
        return new ReplaceIdentityCommand(TENANT, Purpose.REKEY, Optional.of(storage),
                new TokenSourceSpec.File(Path.of("/t")));
    }

    static ReplaceIdentityCommand repair() {
        return new ReplaceIdentityCommand(TENANT, Purpose.REPAIR, Optional.empty(),
                new TokenSourceSpec.File(Path.of("/t")));
    }

    Replacement run(ReplaceIdentityCommand c, IdentityReplacement.Steps steps) {
        return w.engine(steps).replace(c, m -> { });
    }

    /** Exactly one identity: the stored registration, its keys and nothing else here, its device alone live. */
    Registration assertOneWorkingIdentity() {
        return assertOneWorkingIdentity(w);
    }

    /** {@link #assertOneWorkingIdentity()} in {@code w}. */
    static Registration assertOneWorkingIdentity(ReplacementWorld w) {
        Registration r = w.saved.get(TENANT);
        assertEquals(List.of(r.deviceId()), w.drs.live(), "exactly one live device at DRS, the stored one's");
        List<KeyRef> expected = new ArrayList<>(List.of(r.deviceKey(), r.transportKey().orElseThrow()));
        assertEquals(expected.stream().sorted(java.util.Comparator.comparing(KeyRef::toString)).toList(),
                w.allKeys().stream().sorted(java.util.Comparator.comparing(KeyRef::toString)).toList(),
                "the stored registration's keys and no other");
        w.drs.checkDevice(IdentityRecovery.joinService(r), r.deviceId(), r.certificate(),
                w.storages.get(r.deviceKey().storage()), r.deviceKey().alias()); // it authenticates
        assertTrue(w.stagedRecords.isEmpty(), "no replacement record left");
        assertTrue(w.intents.isEmpty(), "no intent record left: " + w.intents);
        return r;
    }

    @Test
    void aRekeyMovesTheIdentityAndDeletesThePreviousDevice() {
        Registration before = w.joined("software");
        Replacement r = run(rekeyTo("tpm"), step -> { });
        Registration after = assertOneWorkingIdentity();
        assertEquals("tpm", after.deviceKey().storage());
        assertEquals(r.next().orElseThrow(), after);
        assertNotEquals(before.deviceId(), after.deviceId());
        assertTrue(r.previousDeletedAtDrs());
        assertEquals("box-1", w.drs.devices.get(after.deviceId()).displayName, "the display name DRS had");
        assertEquals(before.joinType(), after.joinType());
        assertEquals(before.deviceMode(), after.deviceMode());
    }

    static Stream<Arguments> everyStep() {
        List<Arguments> all = new ArrayList<>();
        for (IdentityReplacement.Step step : IdentityReplacement.Step.values()) {
            for (Purpose purpose : Purpose.values()) {
                all.add(Arguments.of(step, purpose));
            }
        }
        return all.stream();
    }

    /**
     * The identity to replace: for a repair one whose certificate expires within 30 days, which still works (so
     * that a failed repair leaves it working, and the repair passes every step, the previous device's delete too).
     */
    Registration before(Purpose purpose) {
        w.certificateLifetime = purpose == Purpose.REPAIR ? Duration.ofDays(10) : Duration.ofDays(365);
        Registration before = w.joined("software");
        w.certificateLifetime = Duration.ofDays(365);
        return before;
    }

    @ParameterizedTest(name = "{1} crashed after {0}")
    @MethodSource("everyStep")
    void aCrashAtAnyStepIsSettledByTheNextRun(IdentityReplacement.Step at, Purpose purpose) {
        Registration before = before(purpose);
        assertThrows(Crash.class, () -> run(purpose == Purpose.REKEY ? rekeyTo("tpm") : repair(), step -> {
            if (step == at) {
                throw new Crash();
            }
        }));
        if (at != IdentityReplacement.Step.DONE) { // from DRS's reply on, the record names the new device
            assertEquals(1, w.stagedRecords.size(), "killed after " + at + ": the record is there");
        }
        w.nextRun();
        Registration after = assertOneWorkingIdentity();
        if (purpose == Purpose.REPAIR || at.compareTo(IdentityReplacement.Step.PREVIOUS_DELETED) >= 0) {
            // a repair goes forward once DRS has the new device: the previous identity is expiring
            assertNotEquals(before.deviceId(), after.deviceId(), "forward: the new identity");
        } else {
            assertEquals(before, after, "back: the previous identity");
        }
    }

    @ParameterizedTest(name = "{1} failed at {0}")
    @MethodSource("everyStep")
    void aFailureAtAnyStepLeavesOneWorkingIdentity(IdentityReplacement.Step at, Purpose purpose) {
        Registration before = before(purpose);
        try {
            run(purpose == Purpose.REKEY ? rekeyTo("tpm") : repair(), step -> {
                if (step == at) {
                    throw new DsregException(ErrorKind.QUERY_FAILED, "injected at " + step);
                }
            });
        } catch (DsregException e) {
            assertEquals("injected at " + at, e.getMessage());
        }
        Registration now = w.saved.get(TENANT); // at once, without another run: one identity works
        assertEquals(List.of(now.deviceId()), w.drs.live());
        w.drs.checkDevice(IdentityRecovery.joinService(now), now.deviceId(), now.certificate(),
                w.storages.get(now.deviceKey().storage()), now.deviceKey().alias());
        w.nextRun(); // and the next run removes what the failure left after the swap
        Registration after = assertOneWorkingIdentity();
        if (at.compareTo(IdentityReplacement.Step.JOINED) <= 0
                || at.compareTo(IdentityReplacement.Step.PREVIOUS_DELETED) < 0 && purpose == Purpose.REKEY) {
            assertEquals(before, after, "failed before the reply was verified, or a rekey before the previous device"
                    + " went: back");
        } else { // a repair whose new device DRS has goes forward: the previous identity is expiring
            assertNotEquals(before.deviceId(), after.deviceId());
        }
    }

    @ParameterizedTest(name = "rekey with DRS failing {0}")
    @EnumSource(ReplacementWorld.Remote.class)
    void aRemoteFailureAtAnyStepLeavesOneWorkingIdentity(ReplacementWorld.Remote fault) {
        Registration before = w.joined("software");
        w.faults.add(fault);
        try {
            run(rekeyTo("tpm"), step -> { });
        } catch (DsregException e) {
            assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        }
        Registration after = assertOneWorkingIdentity();
        if (fault == ReplacementWorld.Remote.DELETE_REPLY_LOST) {
            assertNotEquals(before.deviceId(), after.deviceId(), "DRS deleted the previous device: forward");
        } else {
            assertEquals(before, after);
        }
    }

    @Test
    void aCompensatingDeleteThatFailsIsDoneByTheNextRun() {
        Registration before = w.joined("software");
        w.faults.addAll(List.of(ReplacementWorld.Remote.DELETE, ReplacementWorld.Remote.DELETE));
        DsregException e = assertThrows(DsregException.class, () -> run(rekeyTo("tpm"), step -> { }));
        assertEquals(ErrorKind.UNREGISTRATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("by the next run that takes the state lock"), e.getMessage());
        assertEquals(before, w.saved.get(TENANT), "the previous identity is in use");
        assertEquals(2, w.drs.live().size());
        assertEquals(1, w.stagedRecords.size(), "the record keeps the new device's key for the next run");
        w.nextRun();
        assertEquals(before, assertOneWorkingIdentity());
    }

    @Test
    void theTenantsPrtsGoWithThePreviousIdentity() {
        w.joined("software");
        w.prts.save(RefreshPrtServiceTest.stored(TENANT, "a@contoso.example", RefreshPrtServiceTest.OID_A,
                new org.dsreg.port.out.SessionKeyRef.Inline(new byte[32])));
        Replacement r = run(rekeyTo("tpm"), step -> { });
        assertTrue(w.prts.list(TENANT).isEmpty(), "no PRT names a device that is gone");
        assertTrue(r.prtsRemoved());
    }

    // --- refusals -------------------------------------------------------------------------------------------

    @Test
    void rekeyRefusals() {
        assertEquals(ErrorKind.QUERY_FAILED, assertThrows(DsregException.class,
                () -> run(rekeyTo("tpm"), s -> { })).kind(), "not registered");
        Registration before = w.joined("software");
        assertEquals(ErrorKind.INVALID_ARGUMENTS, assertThrows(DsregException.class,
                () -> run(rekeyTo("software"), s -> { })).kind(), "the same storage");
        assertEquals(ErrorKind.INVALID_ARGUMENTS, assertThrows(DsregException.class,
                () -> run(rekeyTo("pkcs11"), s -> { })).kind(), "no such storage");
        w.drs.devices.get(before.deviceId()).enabled = false;
        DsregException disabled = assertThrows(DsregException.class, () -> run(rekeyTo("tpm"), s -> { }));
        assertEquals(ErrorKind.QUERY_FAILED, disabled.kind());
        assertTrue(disabled.getMessage().contains("is disabled"), disabled.getMessage());
        w.drs.devices.get(before.deviceId()).deleted = true;
        DsregException gone = assertThrows(DsregException.class, () -> run(rekeyTo("tpm"), s -> { }));
        assertTrue(gone.getMessage().contains("DRS no longer has device"), gone.getMessage());
        assertEquals(before, w.saved.get(TENANT), "nothing changed");
        assertEquals(1, w.drs.devices.size(), "no join was made");
        assertThrows(DsregException.class, () -> new ReplaceIdentityCommand(TENANT, Purpose.REKEY, Optional.empty(),
                new TokenSourceSpec.File(Path.of("/t"))));
    }

    @Test
    void aRekeyOfAnIdentityThatDoesNotWorkIsRefusedNamingTheRepair() {
        Registration before = w.joined("software");
        w.drs.devices.get(before.deviceId()).deleted = true;
        DsregException gone = assertThrows(DsregException.class, () -> run(rekeyTo("tpm"), s -> { }));
        assertEquals(ErrorKind.QUERY_FAILED, gone.kind(), "exit 3");
        assertEquals("DRS no longer has device " + before.deviceId() + ": this identity cannot be moved",
                gone.getMessage());
        assertEquals(Optional.of(new org.dsreg.domain.Remedy.Repair(TENANT)), gone.remedy());

        w.drs.devices.get(before.deviceId()).deleted = false;
        w.storages.get("software").delete(before.deviceKey().alias());
        DsregException keyGone = assertThrows(DsregException.class, () -> run(rekeyTo("tpm"), s -> { }));
        assertEquals(ErrorKind.QUERY_FAILED, keyGone.kind(), "exit 3");
        assertEquals("the device key software:" + before.deviceKey().alias() + " is gone: this identity cannot be"
                + " moved", keyGone.getMessage());
        assertEquals(Optional.of(new org.dsreg.domain.Remedy.Repair(TENANT)), keyGone.remedy());
        assertEquals(before, w.saved.get(TENANT), "nothing changed");
        assertEquals(1, w.drs.devices.size(), "no join was made");
        assertTrue(w.stagedRecords.isEmpty());
    }

    // --- repair ---------------------------------------------------------------------------------------------

    @Test
    void aHealthyDeviceIsNotRepaired() {
        Registration before = w.joined("software");
        Replacement r = run(repair(), s -> { });
        assertTrue(r.next().isEmpty());
        assertTrue(r.reason().contains("nothing to repair"), r.reason());
        assertEquals(before, assertOneWorkingIdentity());
    }

    @Test
    void aDisabledDeviceIsRefusedNotRepaired() {
        Registration before = w.joined("software");
        w.drs.devices.get(before.deviceId()).enabled = false;
        DsregException e = assertThrows(DsregException.class, () -> run(repair(), s -> { }));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertEquals(3, e.kind().exitCode());
        assertTrue(e.getMessage().contains("is disabled"), e.getMessage());
        assertTrue(e.remedy().toString().contains("Entra admin center"), e.remedy().toString());
        assertEquals(before, w.saved.get(TENANT));
        assertEquals(1, w.drs.devices.size(), "no join");
    }

    @Test
    void aDeletedDeviceIsRepairedInItsOwnKeyStorage() {
        Registration before = w.joined("software");
        w.drs.devices.get(before.deviceId()).deleted = true;
        Replacement r = run(repair(), s -> { });
        Registration after = assertOneWorkingIdentity();
        assertEquals("software", after.deviceKey().storage());
        assertTrue(r.reason().contains("DRS no longer has device"), r.reason());
        assertTrue(r.previousDeletedAtDrs());
    }

    @Test
    void aCertificateThatExpiresWithin30DaysIsRenewedAndThePreviousDeviceDeleted() {
        w.certificateLifetime = Duration.ofDays(10);
        Registration before = w.joined("software");
        w.certificateLifetime = Duration.ofDays(365);
        Replacement r = run(repair(), s -> { });
        Registration after = assertOneWorkingIdentity();
        assertTrue(r.reason().contains("expires in"), r.reason());
        assertTrue(w.drs.devices.get(before.deviceId()).deleted, "deleted with its own key, which still works");
        assertTrue(after.certificate().notAfter().isAfter(before.certificate().notAfter()));
    }

    @Test
    void aDeviceKeyThatIsGoneIsRepairedAndItsDeviceLeftForAnAdministrator() {
        Registration before = w.joined("software");
        w.holdPrt(); // the token service, asked through it, says the device is enabled
        w.storages.get("software").delete(before.deviceKey().alias());
        Replacement r = run(repair(), s -> { });
        assertTrue(r.reason().contains("is gone"), r.reason());
        assertFalse(r.previousDeletedAtDrs());
        assertTrue(r.warnings().stream().anyMatch(x -> x.contains("Entra admin center")), r.warnings().toString());
        Registration after = w.saved.get(TENANT);
        assertNotEquals(before.deviceId(), after.deviceId());
        assertEquals(List.of(before.deviceId(), after.deviceId()), w.drs.live(), "the old object needs its key");
    }
}
