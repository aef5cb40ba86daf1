package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dsreg.application.IdentityReplacement.Step;
import org.dsreg.embed.internal.StoppingComponent.StopAt;
import org.dsreg.testkit.ExternalTools;
import org.dsreg.testkit.drs.IssuedPrt;
import org.dsreg.testkit.drs.RegisteredDevice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --rekey} software → tpm (swtpm, the DRS emulator over TLS), a PRT held before, with dsreg stopped after each
 * of its own steps ({@link Step}): its JVM halted there (what a kill -9 or a power cut does: no catch, no finally,
 * no shutdown hook), or a failure thrown there. The stopped run is {@link StoppingMain}, the real command with a
 * component that differs from production's only by the steps it is told of ({@link StopAt}), as its own process.
 * Then the next run that takes the state lock ({@code --repair}: "nothing to repair", once its device GET with the
 * identity's key answered) settles, and: exactly one working identity here (status names it, its key authenticates
 * the device GET, gets a PRT and authenticates the unregister), exactly one live device for it at the emulator, no
 * replacement record, no key of the other identity, and a PRT kept only if it names the identity's own device (the
 * previous one's, when the rekey went back), never one that no longer exists. Before the previous device is
 * deleted the rekey goes back (the new device deleted at DRS with its own key); from then on, forward.
 *
 * <p>The replacement record is written as soon as DRS's join reply names the new device ({@link Step#STAGED}), before
 * the reply is verified ({@link Step#JOINED}), so every step is settled, halted anywhere. What no step covers is the
 * reply in flight (a process killed while DRS's answer is on the wire): MS-DRS has no idempotency key, and
 * {@code --join} has the same window.
 */
class RekeyCrashIT extends RekeyCase {

    /** How the run is stopped at the step. */
    enum Stop { HALT, FAIL }

    static Stream<Arguments> everyStep() {
        List<Arguments> all = new ArrayList<>();
        for (Step step : Step.values()) {
            for (Stop stop : Stop.values()) {
                all.add(Arguments.of(step, stop));
            }
        }
        return all.stream();
    }

    /** The rekey run by {@link StoppingMain} as a process of its own (test classpath), stopped at {@code step}. */
    private ExternalTools.Result rekeyStoppedAt(Step step, Stop stop) {
        List<String> cmd = new ArrayList<>(List.of(ExternalTools.require("env", "coreutils").toString(), "-i"));
        fx.env.forEach((name, value) -> cmd.add(name + "=" + value));
        cmd.add(StopAt.STEP + "=" + step.name());
        cmd.add(StopAt.HOW + "=" + (stop == Stop.HALT ? "halt" : "fail"));
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StoppingMain.class.getName()));
        cmd.addAll(runs.arguments(rekeyArguments()));
        return ExternalTools.run(cmd);
    }

    @ParameterizedTest(name = "{1} after {0}")
    @MethodSource("everyStep")
    void aRekeyStoppedAtAnyStepEndsWithOneWorkingIdentity(Step step, Stop stop) throws Exception {
        String before = joined();
        var prt = refreshPrt();
        assertEquals(0, prt.exitCode(), prt.err());
        boolean forward = step.compareTo(Step.PREVIOUS_DELETED) >= 0; // the previous device is gone at DRS

        var r = rekeyStoppedAt(step, stop);
        assertStopped(r, step, stop, forward);

        var settled = dsreg("--repair", "--tenant-id", drs.tenantId(), "--token-source", "file:" + token);
        assertEquals(0, settled.exitCode(), settled.out() + settled.err()); // took the state lock: settled
        assertTrue(settled.out().startsWith("Nothing to repair: "), settled.out()); // the device GET with its key
        JsonNode reg = assertOneWorkingIdentity();
        String device = reg.at("/deviceId").asText();
        assertEquals(forward, !device.equals(before), reg.toString());
        assertEquals(forward, reg.at("/tpmProtected").asBoolean(), reg.toString());
        List<IssuedPrt> prtsBefore = drs.prts();
        assertEquals(List.of(before), prtsBefore.stream().map(IssuedPrt::deviceId).toList());
        assertEquals(forward ? 0 : 1, accountPrts(), "the PRT of the previous device is kept only with it");

        var newPrt = refreshPrt(); // a renewal of the PRT kept, or a first PRT signed by the new device key
        assertEquals(0, newPrt.exitCode(), newPrt.out() + newPrt.err());
        assertEquals(device, refreshed(prtsBefore, drs.prts()).deviceId());
        assertEquals(1, accountPrts());

        var unregister = dsreg("--unregister", "--tenant-id", drs.tenantId()); // TLS with the identity's key
        assertEquals(0, unregister.exitCode(), unregister.err());
        assertEquals(List.of(), liveDevices().stream().map(RegisteredDevice::deviceId).toList());
    }

    /** How many accounts have a PRT file of the tenant here. */
    private long accountPrts() throws Exception {
        return prtFiles().stream().filter(f -> !f.endsWith("last-attempt.json")).count();
    }

    /** The stopped run's exit code and words: halted, or failed (before the swap) or warned (after it). */
    private static void assertStopped(ExternalTools.Result r, Step step, Stop stop, boolean forward) {
        String all = r.stdout() + r.stderr();
        assertFalse(all.contains("\tat "), all);
        if (stop == Stop.HALT) {
            assertEquals(StopAt.HALTED, r.exitCode(), all);
        } else if (forward) {
            assertEquals(0, r.exitCode(), all);
            assertTrue(r.stderr().startsWith("dsreg: warning: ") && r.stderr().contains("injected failure at " + step),
                    r.stderr());
        } else {
            assertEquals(3, r.exitCode(), all);
            assertTrue(r.stderr().startsWith("dsreg: injected failure at " + step), r.stderr());
        }
    }

    /** The PRT a run acquired (a new one) or renewed (its renewals counted up), of the emulator's before and after. */
    private static IssuedPrt refreshed(List<IssuedPrt> before, List<IssuedPrt> after) {
        List<IssuedPrt> changed = after.stream().filter(p -> !before.contains(p)).toList();
        assertEquals(1, changed.size(), "one PRT acquired or renewed: " + before + " -> " + after);
        return changed.get(0);
    }
}
