package org.dsreg.application;

import static org.dsreg.application.IdentityReplacementTest.rekeyTo;
import static org.dsreg.application.IdentityReplacementTest.repair;
import static org.dsreg.application.ReplacementWorld.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Registration;
import org.dsreg.domain.Replacement;
import org.dsreg.port.in.ReplaceIdentityCommand;
import org.dsreg.port.out.StagedIdentities.Purpose;
import org.junit.jupiter.api.Test;

/**
 * What keeps a replacement from undoing an administrator's decision or losing track of a device: a device whose
 * disabled state nobody can tell is not replaced unless forced (fail closed), the token service asked through a PRT
 * when DRS cannot be; an unsettled replacement is not overwritten; a key storage that cannot be asked keeps the
 * record; PRTs of the new device survive a late settle; what a settled failure reports is what happened.
 */
class ReplacementSafetyTest {
    final ReplacementWorld w = new ReplacementWorld();

    Registration joinedWithKeyGone() {
        Registration before = w.joined("software");
        w.storages.get("software").delete(before.deviceKey().alias());
        return before;
    }

    private void assertNothingChanged(Registration before) {
        assertEquals(before, w.saved.get(TENANT), "the registration in use is unchanged");
        assertEquals(1, w.drs.devices.size(), "no join was made");
        assertTrue(w.stagedRecords.isEmpty());
    }

    @Test
    void aKeyThatIsGoneWithADisabledDeviceIsRefusedOnTheTokenServicesWord() {
        Registration before = joinedWithKeyGone();
        w.holdPrt();
        w.drs.devices.get(before.deviceId()).enabled = false;
        DsregException e = assertThrows(DsregException.class, () -> w.run(repair()));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().contains("is disabled") && e.getMessage().contains("AADSTS135011"), e.getMessage());
        assertNothingChanged(before);
        assertFalse(w.prts.list(TENANT).isEmpty(), "a refusal removes no PRT");
    }

    @Test
    void aKeyThatIsGoneWithNobodyToAskIsRefusedUnlessForced() {
        Registration before = joinedWithKeyGone(); // no PRT: neither DRS nor the token service can be asked
        DsregException e = assertThrows(DsregException.class, () -> w.run(repair()));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("cannot tell whether an administrator disabled device"),
                e.getMessage());
        assertEquals(Optional.of(new org.dsreg.domain.Remedy.ForceIfNotDisabled(before.deviceId())), e.remedy());
        assertNothingChanged(before);

        w.holdPrt();
        w.tokenServiceUp = false; // a PRT, but no answer: still nobody can tell
        assertTrue(assertThrows(DsregException.class, () -> w.run(repair())).getMessage().contains("cannot tell"));
        assertNothingChanged(before);

        Replacement forced = w.run(new ReplaceIdentityCommand(TENANT, Purpose.REPAIR, Optional.empty(),
                repair().tokenSource(), true));
        assertTrue(forced.warnings().stream().anyMatch(x -> x.startsWith("forced:")), forced.warnings().toString());
        assertNotEquals(before.deviceId(), w.saved.get(TENANT).deviceId());
    }

    @Test
    void aRepairOfAValidCertificateThatDrsCannotAnswerChangesNothing() {
        Registration before = w.joined("software");
        w.faults.add(ReplacementWorld.Remote.READ);
        DsregException e = assertThrows(DsregException.class, () -> w.run(repair()));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().startsWith("HTTP 500"), "DRS's own error, not a guess: " + e.getMessage());
        assertNothingChanged(before);
    }

    @Test
    void aDeviceDrsSays404ForWhileTheTokenServiceStillHasItIsDeletedByTheRepair() {
        Registration before = w.joined("software");
        w.drs.notFoundHere.add(before.deviceId()); // the GET says 404; the delete reaches it
        w.holdPrt();
        Replacement r = w.run(repair());
        assertTrue(r.previousDeletedAtDrs());
        assertTrue(w.drs.devices.get(before.deviceId()).deleted, "not left behind on the GET's word alone");
    }

    @Test
    void eachLivePrtIsAskedUntilOneGetsAnAnswer() {
        Registration before = joinedWithKeyGone();
        w.holdPrt();
        w.holdSecondPrt();
        w.drs.devices.get(before.deviceId()).enabled = false;
        w.tokenServiceAnswers = prt -> prt.equals("prt-b"); // a@ is asked first and gets no answer
        DsregException e = assertThrows(DsregException.class, () -> w.run(repair()));
        assertTrue(e.getMessage().contains("AADSTS135011"), e.getMessage());
        assertNothingChanged(before);
    }

    @Test
    void aRekeyOfADeviceTheTokenServiceDoesNotKnowIsRefusedForARepair() {
        w.drsSaysEnabled = false;
        Registration before = w.joined("software");
        w.unknownToTokenService.add(before.deviceId());
        w.holdPrt();
        DsregException e = assertThrows(DsregException.class, () -> w.run(rekeyTo("tpm")));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().contains("is not known to the token service"), e.getMessage());
        assertEquals(Optional.of(new org.dsreg.domain.Remedy.Repair(TENANT)), e.remedy());
        assertNothingChanged(before);
    }

    @Test
    void aForcedRepairStillRefusesADeviceKnownToBeDisabled() {
        Registration before = joinedWithKeyGone();
        w.holdPrt();
        w.drs.devices.get(before.deviceId()).enabled = false;
        assertThrows(DsregException.class, () -> w.run(new ReplaceIdentityCommand(TENANT, Purpose.REPAIR,
                Optional.empty(), repair().tokenSource(), true)));
        assertNothingChanged(before);
    }

    @Test
    void drsSaying404IsNotEnoughWhenTheTokenServiceSaysDisabled() {
        Registration before = w.joined("software");
        w.drs.notFoundHere.add(before.deviceId());
        w.drs.devices.get(before.deviceId()).enabled = false;
        w.holdPrt();
        DsregException e = assertThrows(DsregException.class, () -> w.run(repair()));
        assertTrue(e.getMessage().contains("is disabled") && e.getMessage().contains("DRS answered 404"),
                e.getMessage());
        assertNothingChanged(before);
        w.prts.deleteAll(TENANT); // nobody to say otherwise: DRS's 404 is the service's word
        w.run(repair());
        assertNotEquals(before.deviceId(), w.saved.get(TENANT).deviceId());
    }

    @Test
    void aKeyThatIsGoneIsRepairedWithTheDisplayNameRecordedAtTheJoin() {
        Registration before = joinedWithKeyGone();
        assertEquals(Optional.of("box-1"), before.displayName());
        w.holdPrt();
        Replacement r = w.run(repair());
        Registration after = w.saved.get(TENANT);
        assertEquals("box-1", w.drs.devices.get(after.deviceId()).displayName, "not the host name: DRS was not asked");
        assertEquals(Optional.of("box-1"), after.displayName());
        assertTrue(r.prtsRemoved());
    }

    @Test
    void whenDrsDoesNotSayEnabledTheTokenServiceIsAsked() {
        w.drsSaysEnabled = false;
        Registration expiring = w.joined(Duration.ofDays(10));
        w.drs.devices.get(expiring.deviceId()).enabled = false;
        assertTrue(assertThrows(DsregException.class, () -> w.run(repair())).getMessage().contains("cannot tell"),
                "no PRT: fail closed");
        w.holdPrt();
        assertTrue(assertThrows(DsregException.class, () -> w.run(repair())).getMessage().contains("AADSTS135011"));
        assertTrue(assertThrows(DsregException.class, () -> w.run(rekeyTo("tpm"))).getMessage()
                .contains("is disabled"));
        assertNothingChanged(expiring);
        w.drs.devices.get(expiring.deviceId()).enabled = true;
        w.run(rekeyTo("tpm"));
        assertEquals("tpm", w.saved.get(TENANT).deviceKey().storage());
    }

    @Test
    void anUnsettledReplacementIsNotOverwritten() {
        Registration before = w.joined("software");
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.STAGED);
        var record = w.stagedRecords.get(TENANT);
        w.faults.add(ReplacementWorld.Remote.READ); // DRS cannot be asked when the lock settles it,
        w.faults.add(ReplacementWorld.Remote.READ); // nor when the refusal asks again to say why
        DsregException e = assertThrows(DsregException.class, () -> w.run(rekeyTo("tpm")));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().contains("is not settled yet: HTTP 500"), e.getMessage());
        assertEquals(record, w.stagedRecords.get(TENANT), "the record is kept, not overwritten");
        assertEquals(2, w.drs.live().size(), "no third device");
        w.nextRun(); // DRS answers again: back, the previous identity works
        assertEquals(before, w.saved.get(TENANT));
        assertEquals(List.of(before.deviceId()), w.drs.live());
    }

    @Test
    void anUnsettledReplacementThatSettlesWhenAskedAgainLetsTheNewOneRun() {
        Registration before = w.joined("software");
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.STAGED);
        w.faults.add(ReplacementWorld.Remote.READ); // only the lock's attempt fails
        w.run(rekeyTo("tpm"));
        assertEquals("tpm", w.saved.get(TENANT).deviceKey().storage());
        assertEquals(List.of(w.saved.get(TENANT).deviceId()), w.drs.live(), "the first attempt's device undone");
        assertFalse(w.drs.live().contains(before.deviceId()));
        assertTrue(w.stagedRecords.isEmpty());
    }

    @Test
    void aRekeyWhosePreviousDeviceDrsRefusesGoesBackInsteadOfWaitingForever() {
        Registration before = w.joined("software");
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.VERIFIED);
        var record = w.stagedRecords.get(TENANT);
        w.drs.refused.add(before.deviceId()); // 401, not 404: it cannot be asked, nor deleted, as itself
        w.nextRun();
        assertTrue(w.stagedRecords.isEmpty(), "settled, not left to block every later repair");
        assertEquals(before, w.saved.get(TENANT), "the previous identity is left as it was, for --repair");
        assertEquals(List.of(before.deviceId()), w.drs.live(), "the new device is deleted");
        assertTrue(w.allKeys().stream().noneMatch(k -> k.equals(record.next().deviceKey())), "its key removed");
    }

    @Test
    void aRekeyWhosePreviousDeviceDrsCannotReachWaits() {
        Registration before = w.joined("software");
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.VERIFIED);
        w.drs.transportDown.add(before.deviceId());
        w.nextRun();
        assertEquals(1, w.stagedRecords.size(), "no answer is not a refusal: the record waits");
        assertEquals(2, w.drs.live().size());
        w.drs.transportDown.clear();
        w.nextRun();
        assertEquals(before, w.saved.get(TENANT));
        assertEquals(List.of(before.deviceId()), w.drs.live());
    }

    @Test
    void aReplyWhoseCertificateIsForAnotherKeyIsNotRecorded() {
        Registration before = w.joined("software");
        List<org.dsreg.domain.KeyRef> keys = w.allKeys();
        w.drs.certifyOtherKey = true;
        assertThrows(DsregException.class, () -> w.run(rekeyTo("tpm")));
        assertTrue(w.stagedRecords.isEmpty(), "no record: nothing here could undo that device with its key");
        assertEquals(before, w.saved.get(TENANT));
        assertEquals(keys, w.allKeys(), "the new keys are removed");
        w.nextRun();
        assertEquals(before, w.saved.get(TENANT));
    }

    @Test
    void aKeyStorageThatCannotBeAskedKeepsTheRecord() {
        Registration before = w.joined("software");
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.STAGED);
        var tpm = w.storages.remove("tpm"); // not available (a TPM that does not answer)
        w.nextRun();
        assertEquals(1, w.stagedRecords.size(), "not read as 'the new device is gone'");
        assertEquals(2, w.drs.live().size(), "the new device is not orphaned");
        w.storages.put("tpm", tpm);
        w.nextRun();
        assertEquals(before, w.saved.get(TENANT));
        assertEquals(List.of(before.deviceId()), w.drs.live());
        assertTrue(w.stagedRecords.isEmpty());
    }

    @Test
    void aSettleAfterTheSwapKeepsTheNewDevicesPrts() {
        w.joined("software");
        w.holdPrt();
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.SWAPPED);
        assertTrue(w.prts.list(TENANT).isEmpty(), "the previous device's PRTs went before the swap");
        w.holdPrt(); // a PRT of the new device, before the next run settles the record
        w.nextRun();
        assertEquals(1, w.prts.list(TENANT).size(), "the new device's PRT is kept");
        assertTrue(w.stagedRecords.isEmpty());
    }

    @Test
    void aFailureSettledForwardReportsWhatHappened() {
        Registration before = joinedWithKeyGone();
        w.holdPrt();
        Replacement r = w.engine(step -> {
            if (step == IdentityReplacement.Step.VERIFIED) {
                throw new IllegalStateException("a fault");
            }
        }).replace(repair(), m -> { });
        assertFalse(r.previousDeletedAtDrs(), "its key is gone: nothing could delete it");
        assertTrue(r.prtsRemoved());
        assertTrue(w.drs.live().contains(before.deviceId()));
        assertTrue(r.warnings().stream().anyMatch(x -> x.contains("a fault")), r.warnings().toString());
    }
}
