package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.dsreg.testkit.drs.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --rekey} software → tpm (swtpm) against the DRS emulator: the identity moves, and DRS failing at every
 * remote step ends with exactly one working identity here (status names it, its key authenticates the device GET
 * and the delete) and exactly one live device for it at the emulator. The device requests a rekey makes, in order: the
 * previous device's GET (it must work), the new device's GET (the proof), the previous device's DELETE. dsreg
 * stopped (the JVM halted) or failing at each of its own steps is {@link RekeyCrashIT}'s.
 */
class RekeyIT extends RekeyCase {
    @Test
    void aSoftwareIdentityMovesIntoTheTpm() throws Exception {
        String before = joined();
        var prt = refreshPrt();
        assertEquals(0, prt.exitCode(), prt.err());
        var r = rekey();
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("dsreg: warning: the PRTs of tenant " + drs.tenantId() + " named the previous device and"
                + " were removed; run dsreg --refreshprt --tenant-id " + drs.tenantId() + " for a new one"),
                StatusFixture.lines(r.err()));
        assertEquals(List.of(), prtFiles(), "no PRT file left");
        var newPrt = refreshPrt(); // a PRT for the new identity, signed by the TPM key
        assertEquals(0, newPrt.exitCode(), newPrt.err());
        assertTrue(newPrt.out().contains("session key protection: TPM"), newPrt.out());
        assertTrue(r.out().startsWith("Rekeyed the registration with tenant " + drs.tenantId()), r.out());
        assertTrue(r.out().contains("the previous device is deleted at DRS"), r.out());
        JsonNode reg = assertOneWorkingIdentity();
        assertTrue(reg.at("/tpmProtected").asBoolean(), reg.toString());
        String after = reg.at("/deviceId").asText();
        assertNotEquals(before, after);
        assertTrue(drs.devices().get(before).deleted(), "deleted at DRS over TLS with the software key");
        assertEquals("box-1", drs.devices().get(after).displayName(), "the display name DRS had for it");

        var again = rekey();
        assertEquals(1, again.exitCode(), again.err());
        assertTrue(again.err().startsWith("dsreg: the keys of tenant " + drs.tenantId() + " are in key storage 'tpm'"),
                again.err());

        var gone = dsreg("--unregister", "--tenant-id", drs.tenantId()); // TLS with the TPM key
        assertEquals(0, gone.exitCode(), gone.err());
        assertTrue(liveDevices().isEmpty());
    }

    @Test
    void anIdentityThatDoesNotWorkIsRefusedNamingTheRepair() throws Exception {
        String before = joined();
        drs.admin().delete(before);
        List<String> software = keyFiles("software");
        var deleted = rekey();
        assertEquals(3, deleted.exitCode(), deleted.err());
        assertEquals(List.of("dsreg: DRS no longer has device " + before + ": this identity cannot be moved",
                "Hint: repair it: run 'sudo dsreg --repair --tenant-id " + drs.tenantId() + "'"),
                StatusFixture.lines(deleted.err()));
        assertEquals("", deleted.out());
        assertEquals(software, keyFiles("software"), "the keys stay");
        assertEquals(List.of(), keyFiles("tpm"), "no key made in the tpm");

        var r = repair();
        assertEquals(0, r.exitCode(), r.err());
        String alias = mapper.readTree(dsreg("--json").out()).at("/registrations/0/deviceKey/alias").asText();
        Files.delete(fx.state.resolve("keys/software").resolve(alias + ".pem"));
        var keyGone = rekey();
        assertEquals(3, keyGone.exitCode(), keyGone.err());
        assertEquals(List.of("dsreg: the device key software:" + alias + " is gone: this identity cannot be moved",
                "Hint: repair it: run 'sudo dsreg --repair --tenant-id " + drs.tenantId() + "'"),
                StatusFixture.lines(keyGone.err()));
        assertEquals(List.of(), keyFiles("tpm"), "no key made in the tpm");
    }

    private StatusFixture.Run repair() {
        return dsreg("--repair", "--tenant-id", drs.tenantId(), "--token-source", "file:" + token);
    }

    /** Where DRS fails: the fault, and the delayed (normally answered) device requests before it. */
    enum RemoteStep {
        DISCOVERY(Fault.Endpoint.DISCOVERY, 0, Fault.Kind.SERVER_ERROR_500, 3),
        PREVIOUS_DEVICE_GET(Fault.Endpoint.DELETE, 0, Fault.Kind.SERVER_ERROR_500, 3),
        NONCE(Fault.Endpoint.NONCE, 0, Fault.Kind.SERVER_ERROR_500, 3),
        JOIN(Fault.Endpoint.JOIN, 0, Fault.Kind.SERVER_ERROR_500, 3),
        JOIN_REFUSED(Fault.Endpoint.JOIN, 0, Fault.Kind.ERROR_400, 3),
        JOIN_CERTIFICATE_FOR_ANOTHER_KEY(Fault.Endpoint.JOIN, 0, Fault.Kind.CERT_FOR_OTHER_KEY, 3),
        NEW_DEVICE_GET(Fault.Endpoint.DELETE, 1, Fault.Kind.SERVER_ERROR_500, 3),
        PREVIOUS_DEVICE_DELETE(Fault.Endpoint.DELETE, 2, Fault.Kind.SERVER_ERROR_500, 6),
        PREVIOUS_DEVICE_DELETE_REPLY_LOST(Fault.Endpoint.DELETE, 2, Fault.Kind.TRUNCATED_BODY, 0);

        final Fault.Endpoint endpoint;
        final int normalBefore;
        final Fault.Kind kind;
        final int exitCode;

        RemoteStep(Fault.Endpoint endpoint, int normalBefore, Fault.Kind kind, int exitCode) {
            this.endpoint = endpoint;
            this.normalBefore = normalBefore;
            this.kind = kind;
            this.exitCode = exitCode;
        }
    }

    @ParameterizedTest
    @EnumSource(RemoteStep.class)
    void drsFailingAtAnyStepLeavesExactlyOneWorkingIdentity(RemoteStep step) throws Exception {
        String before = joined();
        for (int i = 0; i < step.normalBefore; i++) {
            drs.failNext(Fault.delay(step.endpoint, Duration.ofMillis(1)));
        }
        drs.failNext(Fault.of(step.endpoint, step.kind));
        var r = rekey();
        assertEquals(step.exitCode, r.exitCode(), r.out() + r.err());
        if (step.exitCode != 0) {
            assertTrue(r.err().startsWith("dsreg: "), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        JsonNode reg = assertOneWorkingIdentity();
        boolean forward = step == RemoteStep.PREVIOUS_DEVICE_DELETE_REPLY_LOST; // DRS did delete it
        assertEquals(forward, !reg.at("/deviceId").asText().equals(before), reg.toString());
        assertEquals(forward, reg.at("/tpmProtected").asBoolean());

        var unregister = dsreg("--unregister", "--tenant-id", drs.tenantId()); // the identity left authenticates
        assertEquals(0, unregister.exitCode(), unregister.err());
        assertTrue(liveDevices().isEmpty());
    }
}
