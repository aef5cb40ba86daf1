package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.CleanupPlan;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.TenantId;
import org.junit.jupiter.api.Test;

/** The CLI's words for every kind of {@link Remedy}: the hints dsreg has always printed. */
class RemedyWordsTest {
    private static final TenantId TENANT = TenantId.parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");

    /** One example of every kind, with the words the CLI prints for it. */
    private static Map<Remedy, String> examples() {
        Map<Remedy, String> m = new LinkedHashMap<>();
        m.put(Remedy.say("chmod go-w /x"), "chmod go-w /x");
        m.put(Remedy.either(new Remedy.RunAsRoot(), new Remedy.OwnStateDir()),
                "run with sudo, or use a --state-dir of your own");
        m.put(new Remedy.Unregister(Optional.empty(), true), "run 'sudo dsreg --unregister --tenant-id <id>'");
        m.put(new Remedy.Unregister(Optional.of(TENANT), false), "run 'dsreg --unregister --tenant-id " + TENANT + "'");
        m.put(new Remedy.UnregisterFirst(TENANT), "run 'dsreg --unregister --tenant-id " + TENANT + "' first");
        m.put(new Remedy.Rejoin(TENANT, false), "run 'dsreg --unregister --tenant-id " + TENANT + "' and join again");
        m.put(new Remedy.Rejoin(TENANT, true),
                "run 'dsreg --unregister --tenant-id " + TENANT + "' and join again before it expires");
        m.put(new Remedy.Join(JoinType.REGISTERED), "add a registration with --join-type register");
        m.put(new Remedy.Join(JoinType.JOINED), "join with --join-type join");
        m.put(new Remedy.Cleanup(true), "run 'sudo dsreg --cleanup'");
        m.put(new Remedy.Cleanup(false), "run 'dsreg --cleanup'");
        m.put(new Remedy.RestoreOrCleanup(), "dsreg leaves it alone; restore it from a backup, or remove it with"
                + " dsreg --cleanup (and delete the device in Entra)");
        m.put(new Remedy.NextChangeRemovesLeftovers(),
                "the next dsreg --join or --unregister run as root removes them (or dsreg --cleanup)");
        m.put(new Remedy.RunAsRoot(), "run with sudo");
        m.put(new Remedy.OwnStateDir(), "use a --state-dir of your own");
        m.put(new Remedy.CheckStateDir(), "point --state-dir at dsreg's state directory");
        m.put(new Remedy.GiveTenant(), "give --tenant-id");
        m.put(new Remedy.LongerTimeout(), "allow longer with --timeout");
        m.put(new Remedy.ChooseAccount(List.of("a@x", "b@x")), "choose one with --account UPN");
        m.put(new Remedy.ShowStatus("(Key Matches Certificate)"), "see 'dsreg --status' (Key Matches Certificate)");
        m.put(new Remedy.UseDeviceCodeSignIn(), "use --token-source device-code");
        m.put(new Remedy.RefreshPrt(TENANT), "run 'sudo dsreg --refreshprt --tenant-id " + TENANT + "'");
        m.put(new Remedy.Repair(TENANT), "repair it: run 'sudo dsreg --repair --tenant-id " + TENANT + "'");
        DeviceId device = DeviceId.parse("11112222-3333-4444-5555-666677778888");
        m.put(new Remedy.ForceIfNotDisabled(device), "an administrator can check device " + device + " in the"
                + " Microsoft Entra admin center (Devices > All devices); if it is not disabled, run the same command"
                + " again with --force");
        m.put(new Remedy.SignInAgain(TENANT), "sign in again: run 'sudo dsreg --refreshprt --tenant-id " + TENANT
                + " --token-source device-code'");
        m.put(new Remedy.UserUnit("intune-agent.timer", Remedy.UnitStep.ENABLE_AND_START),
                "run 'systemctl --user enable --now intune-agent.timer'");
        m.put(new Remedy.UserUnit("intune-agent.timer", Remedy.UnitStep.UNMASK),
                "run 'systemctl --user unmask intune-agent.timer'");
        m.put(new Remedy.UserUnit("intune-agent.service", Remedy.UnitStep.READ_LOG),
                "see 'journalctl --user -u intune-agent.service'");
        return m;
    }

    @Test
    void everyKindHasItsWords() {
        examples().forEach((remedy, words) -> assertEquals(words, RemedyWords.of(remedy), remedy.toString()));
    }

    @Test
    void theExamplesCoverEveryKind() {
        Set<String> kinds = Arrays.stream(Remedy.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertEquals(kinds, examples().keySet().stream().map(r -> r.getClass().getSimpleName())
                .collect(Collectors.toSet()), "a new kind of Remedy needs its words here and in RemedyWords");
    }

    @Test
    void todaysHintsAreWordedAsBefore() {
        assertEquals("run 'dsreg --unregister --tenant-id " + TENANT + "' first, or add a registration with"
                + " --join-type register", RemedyWords.of(Remedy.either(new Remedy.UnregisterFirst(TENANT),
                new Remedy.Join(JoinType.REGISTERED))));
        assertEquals("sign in through the broker, or use --token-source device-code", RemedyWords.of(
                Remedy.either(Remedy.say("sign in through the broker"), new Remedy.UseDeviceCodeSignIn())));
        assertEquals("it answered UnknownObject; run dsreg again, or allow longer with --timeout",
                RemedyWords.reason(new BrokerConnection.Starting("it answered UnknownObject",
                        Remedy.either(Remedy.say("run dsreg again"), new Remedy.LongerTimeout()))));
        assertEquals("no tenant to test: this device is not registered; give --tenant-id",
                RemedyWords.detail(new Diagnostics.Result("pre-join", "DRS Discovery Test",
                        Diagnostics.Outcome.SKIPPED, "no tenant to test: this device is not registered",
                        Optional.of(new Remedy.GiveTenant()))));
        assertEquals("FAILED", RemedyWords.detail(new Diagnostics.Result("s", "t", Diagnostics.Outcome.FAIL,
                "FAILED")));
        assertEquals("phase 2 needs root: run 'sudo dsreg --cleanup'", RemedyWords.of(
                new CleanupPlan.Note("phase 2 needs root", Optional.of(new Remedy.Cleanup(true)))));
        assertEquals("broker accounts are not removed: x", RemedyWords.of(
                new CleanupPlan.Note("broker accounts are not removed: x", Optional.empty())));
    }
}
