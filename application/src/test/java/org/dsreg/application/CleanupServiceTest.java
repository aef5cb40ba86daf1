package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.Account;
import org.dsreg.domain.CleanupPlan;
import org.dsreg.domain.CleanupReport;
import org.dsreg.domain.CleanupStep;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.PrtState;
import org.dsreg.domain.ServiceUnit;
import org.dsreg.port.in.CleanupCommand;
import org.dsreg.port.out.CleanupFiles;
import org.dsreg.port.out.ServiceManager;
import org.dsreg.port.out.TokenRequest;
import org.dsreg.port.out.UserBroker;
import org.junit.jupiter.api.Test;

/**
 * What the cleanup asks of the running system: the broker and systemd are reached only on the
 * running system ({@code /}); under a root prefix they are not even asked, and those steps are
 * reported as skipped.
 */
class CleanupServiceTest {
    static final Account ALICE = new Account("alice@contoso.com", Optional.empty(), "a.t", Optional.empty(),
            Optional.empty());

    /** Records every call; the files are not touched (a real tree is SecureCleanupFiles' tests' business). */
    static final class Recorder implements UserBroker, ServiceManager, CleanupFiles {
        final List<String> calls = new ArrayList<>();
        String aFile = "";

        @Override
        public boolean isOtherThanADirectory(String path) {
            return path.equals(aFile);
        }

        @Override
        public String version() {
            throw new AssertionError("not asked by cleanup");
        }

        @Override
        public List<Account> accounts() {
            calls.add("getAccounts");
            return List.of(ALICE);
        }

        @Override
        public PrtState prt(Account account) {
            throw new AssertionError("not asked by cleanup");
        }

        @Override
        public AccessToken acquireTokenSilently(Account account, TokenRequest request) {
            throw new AssertionError("not asked by cleanup");
        }

        @Override
        public void removeAccount(Account account) {
            calls.add("removeAccount " + account.username());
        }

        @Override
        public ServiceUnit unit(String name, ServiceUnit.Scope scope) {
            throw new AssertionError("not asked by cleanup");
        }

        @Override
        public void stop(String name) {
            calls.add("stop " + name);
        }

        @Override
        public List<String> preview(CleanupStep.RemoveTree step) {
            return List.of();
        }

        @Override
        public List<String> preview(CleanupStep.RemoveDeviceFiles step) {
            return List.of();
        }

        @Override
        public CleanupReport.StepResult remove(CleanupStep.RemoveTree step) {
            calls.add("remove " + step.anchor() + " " + step.relative());
            return new CleanupReport.StepResult(step, List.of(), List.of(), List.of());
        }

        @Override
        public CleanupReport.StepResult remove(CleanupStep.RemoveDeviceFiles step) {
            calls.add("remove files " + step.anchor() + " " + step.relative());
            return new CleanupReport.StepResult(step, List.of(), List.of(), List.of());
        }
    }

    final Recorder r = new Recorder();

    CleanupService service(boolean root, String rootPrefix, String stateDir) {
        return new CleanupService(r, r, r, () -> root, rootPrefix, stateDir);
    }

    @Test
    void onTheRunningSystemTheBrokerAndSystemdAreAskedAndEverythingIsAnchoredAtTheRoot() {
        CleanupService s = service(true, "/", "/var/lib/dsreg");
        CleanupReport report = s.execute(s.plan(new CleanupCommand("/home/alice", false)));
        assertTrue(report.succeeded());
        assertEquals(List.of("getAccounts", "removeAccount alice@contoso.com",
                "remove /home/alice .cache/intune-portal", "remove /home/alice .cache/Microsoft",
                "remove /home/alice .cache/microsoft-edge", "remove /home/alice .config/intune",
                "remove /home/alice .config/microsoft-identity-broker", "remove /home/alice .local/share/intune-portal",
                "stop " + CleanupPlan.DEVICE_BROKER_UNIT,
                "remove files / etc/microsoft/identity-broker/private", "remove files / etc/microsoft/identity-broker/certs",
                "remove / var/lib/microsoft-identity-device-broker", "remove / var/lib/dsreg"), r.calls);
    }

    @Test
    void aStateDirectoryThatIsAFileIsExit3BeforeAnythingIsAskedOrPlanned() {
        r.aFile = "/etc/passwd";
        org.dsreg.domain.DsregException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.dsreg.domain.DsregException.class,
                () -> service(true, "/", "/etc/passwd").plan(new CleanupCommand("/home/alice", false)));
        assertEquals(org.dsreg.domain.ErrorKind.QUERY_FAILED, e.kind());
        assertEquals("the state directory /etc/passwd is not a directory; nothing was removed", e.getMessage());
        assertEquals(java.util.Optional.of(new org.dsreg.domain.Remedy.CheckStateDir()), e.remedy());
        assertEquals(List.of(), r.calls);
    }

    @Test
    void underARootNeitherTheBrokerNorSystemdIsAskedAndBothAreReportedSkipped() {
        CleanupService s = service(true, "/img", "/img/var/lib/dsreg");
        CleanupReport report = s.execute(s.plan(new CleanupCommand("/home/alice", false)));
        assertEquals(List.of("remove /img home/alice/.cache/intune-portal", "remove /img home/alice/.cache/Microsoft",
                "remove /img home/alice/.cache/microsoft-edge", "remove /img home/alice/.config/intune",
                "remove /img home/alice/.config/microsoft-identity-broker",
                "remove /img home/alice/.local/share/intune-portal",
                "remove files /img etc/microsoft/identity-broker/private",
                "remove files /img etc/microsoft/identity-broker/certs",
                "remove /img var/lib/microsoft-identity-device-broker", "remove /img var/lib/dsreg"), r.calls);
        List<String> skipped = report.results().stream()
                .filter(x -> x.outcome() == CleanupReport.Outcome.SKIPPED).map(x -> x.step().describe()).toList();
        assertEquals(List.of("remove the identity broker's accounts (removeAccount)",
                "stop " + CleanupPlan.DEVICE_BROKER_UNIT), skipped);
        assertTrue(report.succeeded(), "skipped is not failed");
    }

    @Test
    void aPlanBuiltByHandStillDoesNotReachTheRunningSystemUnderARoot() {
        CleanupService s = service(true, "/img", "/img/var/lib/dsreg");
        CleanupPlan plan = new CleanupPlan(List.of(new CleanupStep.RemoveAccount(ALICE),
                new CleanupStep.StopService(CleanupPlan.DEVICE_BROKER_UNIT)), true, List.of());
        CleanupReport report = s.execute(plan);
        assertEquals(List.of(), r.calls);
        assertEquals(List.of(CleanupReport.Outcome.SKIPPED, CleanupReport.Outcome.SKIPPED),
                report.results().stream().map(CleanupReport.StepResult::outcome).toList());
        assertEquals(List.of("remove broker account alice@contoso.com", "stop " + CleanupPlan.DEVICE_BROKER_UNIT),
                report.results().stream().map(x -> x.step().describe()).toList());
    }

    @Test
    void aStateDirectoryOutsideTheRootIsNeverHandedToTheFiles() {
        CleanupService s = service(true, "/img", "/var/lib/dsreg");
        CleanupReport report = s.execute(s.plan(new CleanupCommand("/root", false)));
        assertTrue(r.calls.stream().noneMatch(c -> c.contains("dsreg")), r.calls.toString());
        CleanupReport.StepResult last = report.results().get(report.results().size() - 1);
        assertEquals(CleanupReport.Outcome.SKIPPED, last.outcome());
    }

    @Test
    void phaseTwoRequiredWithoutRootIsExitFourBeforeAnything() {
        DsregException e = assertThrows(DsregException.class,
                () -> service(false, "/", "/var/lib/dsreg").plan(new CleanupCommand("/home/alice", true)));
        assertEquals(ErrorKind.INSUFFICIENT_PERMISSIONS, e.kind());
        assertEquals(java.util.Optional.of(new org.dsreg.domain.Remedy.Cleanup(true)), e.remedy());
        assertEquals(List.of(), r.calls);
    }
}
