package org.dsreg.application;

import static org.dsreg.application.IdentityReplacementTest.assertOneWorkingIdentity;
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
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Registration;
import org.dsreg.domain.Replacement;
import org.dsreg.port.in.ReplaceIdentityCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a replacement settles when DRS answers a device's own requests with something other than yes or 404: a
 * refusal for good (401/403, or no answer to a certificate that is not valid now) is acted on, never waited on; no
 * answer keeps the record and the keys that can still act; a device object DRS reused is never deleted.
 */
class ReplacementSettleTest {
    final ReplacementWorld w = new ReplacementWorld();

    @Test
    void aRekeyWhosePreviousDeviceCannotBeAskedAfterItsDeleteGoesForward() {
        Registration before = w.joined(Duration.ofSeconds(-30)); // expired: DRS's handshake gives no answer
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.PREVIOUS_DELETED);
        w.drs.transportDown.add(before.deviceId());
        w.nextRun();
        Registration after = assertOneWorkingIdentity(w);
        assertNotEquals(before.deviceId(), after.deviceId(), "back would have deleted the only device left");
    }

    @Test
    void aRekeyWhosePreviousDeviceIsUnansweredWithAValidCertificateWaits() {
        Registration before = w.joined("software");
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.PREVIOUS_DELETED);
        w.drs.transportDown.add(before.deviceId());
        w.nextRun();
        assertEquals(1, w.stagedRecords.size(), "no answer is no answer: its delete may or may not have gone through");
        assertEquals(before, w.saved.get(TENANT));
        w.drs.transportDown.clear();
        w.nextRun();
        assertNotEquals(before.deviceId(), assertOneWorkingIdentity(w).deviceId(), "404: it went; forward");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {401, 403})
    void aRekeyBackFromANewDeviceDrsRefusesLeavesItAtDrsAndSettles(int status) {
        Registration before = w.joined("software");
        w.drs.refusedStatus = status;
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.VERIFIED);
        var next = w.stagedRecords.get(TENANT).next();
        w.drs.refused.add(next.deviceId()); // an administrator disabled it meanwhile: refused for good
        w.nextRun();
        assertTrue(w.stagedRecords.isEmpty(), "settled: waiting would block every later --repair and --rekey");
        assertEquals(before, w.saved.get(TENANT), "the previous device answers: back");
        assertTrue(w.allKeys().stream().noneMatch(k -> k.equals(next.deviceKey())), "its keys are removed");
        assertTrue(w.drs.live().contains(next.deviceId()), "it cannot be deleted as itself: left for an administrator");
    }

    @Test
    void aRekeyPastItsDeleteKeepsANewDeviceDrsRefuses() {
        w.joined("software");
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.PREVIOUS_DELETED);
        var next = w.stagedRecords.get(TENANT).next();
        w.drs.refused.add(next.deviceId());
        w.nextRun();
        assertEquals(next, w.saved.get(TENANT), "forward: back would leave an identity whose device is deleted");
        assertTrue(w.stagedRecords.isEmpty());
    }

    @Test
    void aRepairOfADeletedDeviceKeepsANewDeviceDrsRefusesRatherThanJoiningAThirdTime() {
        Registration before = w.joined("software");
        w.drs.devices.get(before.deviceId()).deleted = true;
        w.crashAfter(repair(), IdentityReplacement.Step.VERIFIED);
        var next = w.stagedRecords.get(TENANT).next();
        w.drs.refused.add(next.deviceId()); // an administrator disabled the new device meanwhile
        w.nextRun();
        assertEquals(next, w.saved.get(TENANT), "the previous device is gone: the refused one is the machine's");
        DsregException e = assertThrows(DsregException.class, () -> w.run(repair()));
        assertTrue(e.getMessage().startsWith("HTTP 401"), "DRS's refusal, not a guess: " + e.getMessage());
        assertEquals(List.of(next.deviceId()), w.drs.live(), "no third join");
    }

    @Test
    void aRepairWhoseNewDeviceIsRefusedKeepsThePreviousIdentityWhileItWorks() {
        Registration before = w.joined(Duration.ofDays(10));
        w.crashAfter(repair(), IdentityReplacement.Step.VERIFIED);
        var next = w.stagedRecords.get(TENANT).next();
        w.drs.refused.add(next.deviceId());
        w.nextRun();
        assertEquals(before, w.saved.get(TENANT), "its certificate is still valid: not swapped for a refused one");
        assertEquals(List.of(before.deviceId(), next.deviceId()), w.drs.live(), "the refused one left at DRS");
        assertTrue(w.allKeys().stream().noneMatch(k -> k.equals(next.deviceKey())));
        assertTrue(w.stagedRecords.isEmpty());
    }

    @Test
    void backToAPreviousDeviceDrsNoLongerHasRemovesItsPrts() {
        Registration before = w.joined("software");
        w.holdPrt();
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.PREVIOUS_DELETED);
        var next = w.stagedRecords.get(TENANT).next();
        w.drs.devices.get(next.deviceId()).deleted = true; // an administrator deleted the new one too
        w.nextRun();
        assertEquals(before, w.saved.get(TENANT), "nothing else to keep: --repair joins again");
        assertTrue(w.prts.list(TENANT).isEmpty(), "no PRT left naming a device DRS no longer has");
    }

    @Test
    void aRekeyWhosePreviousKeyWentMeanwhileDoesNotClaimItsDeviceWasDeleted() {
        Registration before = w.joined("software");
        Replacement r = w.engine(step -> {
            if (step == IdentityReplacement.Step.VERIFIED) {
                w.storages.get("software").delete(before.deviceKey().alias());
                throw new DsregException(ErrorKind.QUERY_FAILED, "injected");
            }
        }).replace(rekeyTo("tpm"), m -> { });
        assertEquals("tpm", w.saved.get(TENANT).deviceKey().storage(), "forward: the previous one cannot work");
        assertFalse(r.previousDeletedAtDrs());
        assertTrue(w.drs.live().contains(before.deviceId()));
    }

    @Test
    void anUnregisteredTenantsRecordSettlesWhenItsNewKeyIsGone() {
        w.joined("software");
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.VERIFIED);
        var next = w.stagedRecords.get(TENANT).next();
        w.saved.remove(TENANT); // unregistered meanwhile
        w.storages.get("tpm").delete(next.deviceKey().alias());
        w.nextRun();
        assertTrue(w.stagedRecords.isEmpty(), "nothing can delete it: left at DRS, not waited on forever");
    }

    @Test
    void anUnregisteredTenantsRecordSettlesWhenDrsRefusesItsNewDevice() {
        w.joined("software");
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.VERIFIED);
        var next = w.stagedRecords.get(TENANT).next();
        w.saved.remove(TENANT);
        w.drs.refused.add(next.deviceId());
        w.nextRun();
        assertTrue(w.stagedRecords.isEmpty());
        assertTrue(w.allKeys().stream().noneMatch(k -> k.equals(next.deviceKey())));
    }

    @Test
    void aRepairWhosePreviousDeleteFailsAtDrsKeepsTheKeyThatCanDeleteIt() {
        Registration before = w.joined(Duration.ofDays(10));
        w.faults.addAll(List.of(ReplacementWorld.Remote.DELETE, ReplacementWorld.Remote.DELETE));
        DsregException e = assertThrows(DsregException.class, () -> w.run(repair()));
        assertEquals(ErrorKind.UNREGISTRATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("by the next run that takes the state lock"), e.getMessage());
        assertEquals(before, w.saved.get(TENANT), "not swapped while the previous device's key is needed");
        assertTrue(w.allKeys().contains(before.deviceKey()), "the only key that can delete it");
        assertEquals(2, w.drs.live().size());
        w.nextRun();
        assertNotEquals(before.deviceId(), assertOneWorkingIdentity(w).deviceId());
    }

    @ParameterizedTest(name = "repair with DRS failing {0}")
    @EnumSource(ReplacementWorld.Remote.class)
    void aRemoteFailureDuringARepairLeavesOneWorkingIdentity(ReplacementWorld.Remote fault) {
        Registration before = w.joined(Duration.ofDays(10));
        w.faults.add(fault);
        try {
            w.run(repair());
        } catch (DsregException e) {
            assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        }
        Registration after = assertOneWorkingIdentity(w);
        boolean forward = fault == ReplacementWorld.Remote.CHECK || fault == ReplacementWorld.Remote.DELETE
                || fault == ReplacementWorld.Remote.DELETE_REPLY_LOST;
        assertEquals(!forward, before.equals(after), "a repair whose new device DRS has goes forward");
    }

    @Test
    void aRepairWhosePreviousDeviceRefusesItsDeleteLeavesItForAnAdministrator() {
        Registration before = w.joined(Duration.ofSeconds(-30));
        w.drs.refused.add(before.deviceId());
        w.holdPrt(); // DRS refuses the expired certificate: the token service says it is enabled
        Replacement r = w.run(repair());
        assertFalse(r.previousDeletedAtDrs());
        assertTrue(r.warnings().stream().anyMatch(x -> x.contains("HTTP 401") && x.contains("Entra admin center")),
                r.warnings().toString());
        assertEquals(List.of(before.deviceId(), r.next().orElseThrow().deviceId()), w.drs.live());
        assertTrue(w.stagedRecords.isEmpty());
    }

    @Test
    void aReusedDeviceObjectWhoseNewCertificateIsRefusedIsStillTheOneKept() {
        w.joined("software");
        w.drs.reuseDevice = true;
        w.crashAfter(rekeyTo("tpm"), IdentityReplacement.Step.VERIFIED);
        var next = w.stagedRecords.get(TENANT).next();
        w.drs.refused.add(next.deviceId());
        w.nextRun();
        assertEquals(next, w.saved.get(TENANT), "DRS no longer accepts the previous certificate for that object");
    }

    @ParameterizedTest(name = "rekey into a reused device object, crashed after {0}")
    @EnumSource(IdentityReplacement.Step.class)
    void aReusedDeviceObjectIsNeverDeleted(IdentityReplacement.Step at) {
        Registration before = w.joined("software");
        w.drs.reuseDevice = true;
        if (at == IdentityReplacement.Step.PREVIOUS_DELETED) {
            w.run(rekeyTo("tpm")); // never reached: there is no previous device to delete
        } else {
            w.crashAfter(rekeyTo("tpm"), at);
        }
        w.nextRun();
        Registration after = assertOneWorkingIdentity(w);
        assertEquals(before.deviceId(), after.deviceId());
        assertEquals("tpm", after.deviceKey().storage(), "the reused object answers the new certificate only");
    }
}
