package org.dsreg.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CleanupPlanTest {
    static final Account ALICE = new Account("alice@contoso.com", Optional.empty(), "a.t", Optional.empty(),
            Optional.empty());

    @Test
    void asAUserOnlyPhaseOneAndANoteOnWhatPhaseTwoNeeds() {
        CleanupPlan plan = CleanupPlan.of("/home/alice", List.of(ALICE), false, "/", "/var/lib/dsreg", List.of());
        assertFalse(plan.systemPhaseIncluded());
        assertTrue(plan.steps().stream().allMatch(s -> s.phase() == CleanupStep.Phase.USER));
        assertEquals(new CleanupStep.RemoveAccount(ALICE), plan.steps().get(0));
        assertEquals(List.of("/home/alice/.cache/intune-portal", "/home/alice/.cache/Microsoft",
                        "/home/alice/.cache/microsoft-edge", "/home/alice/.config/intune",
                        "/home/alice/.config/microsoft-identity-broker", "/home/alice/.local/share/intune-portal"),
                plan.steps().stream().filter(CleanupStep.RemoveTree.class::isInstance)
                        .map(s -> ((CleanupStep.RemoveTree) s).path()).toList());
        assertTrue(plan.notes().stream().anyMatch(n -> n.text().contains("needs root")
                && n.remedy().equals(Optional.of(new Remedy.Cleanup(true)))), plan.notes().toString());
        assertTrue(plan.notes().stream().anyMatch(n -> n.remedy().equals(
                Optional.of(new Remedy.Unregister(Optional.empty(), true)))), "it never unregisters, but says how");
    }

    @Test
    void asRootPhaseTwoTouchesOnlyTheSeedsPlacesUnderTheRoot() {
        CleanupPlan plan = CleanupPlan.of("/root", List.of(), true, "/img", "/img/var/lib/dsreg", List.of());
        assertTrue(plan.systemPhaseIncluded());
        List<String> system = plan.steps().stream().filter(s -> s.phase() == CleanupStep.Phase.SYSTEM)
                .map(CleanupStep::describe).toList();
        assertEquals(List.of("stop microsoft-identity-device-broker.service",
                "remove drs_* and stk_* files in /img/etc/microsoft/identity-broker/private (device private keys)",
                "remove drs_* and stk_* files in /img/etc/microsoft/identity-broker/certs (device certificates)",
                "remove /img/var/lib/microsoft-identity-device-broker (system-level data of the device broker)",
                "remove /img/var/lib/dsreg (dsreg's own registrations and keys (TPM key blobs included))"), system);
        assertFalse(plan.notes().stream().anyMatch(n -> n.text().contains("needs root")));
    }

    /** Issue 11: every system step is opened from the root down, never from a parent that may be a link. */
    @Test
    void everySystemStepIsAnchoredAtTheRootWithItsPathRelativeToIt() {
        for (String root : List.of("/", "/img")) {
            String prefix = root.equals("/") ? "/" : root + "/";
            CleanupPlan plan = CleanupPlan.of("/root", List.of(), true, root, prefix + "var/lib/dsreg", List.of());
            List<String> anchoredAt = plan.steps().stream().map(CleanupPlanTest::anchor)
                    .filter(a -> !a.isEmpty()).distinct().toList();
            List<String> expected = root.equals("/") ? List.of("/root", "/") : List.of(root);
            assertEquals(expected, anchoredAt, plan.steps().toString());
            assertEquals(List.of(CleanupPlan.PRIVATE_KEYS_DIR, CleanupPlan.CERTS_DIR, CleanupPlan.DEVICE_BROKER_DATA,
                            "var/lib/dsreg"),
                    plan.steps().stream().filter(s -> s.phase() == CleanupStep.Phase.SYSTEM).map(CleanupPlanTest::relative)
                            .filter(r -> !r.isEmpty()).toList());
        }
    }

    @Test
    void onTheRunningSystemTheBrokerAccountsAndTheServiceAreStepsAndHomeIsTheAnchor() {
        CleanupPlan plan = CleanupPlan.of("/home/alice", List.of(ALICE), true, "/", "/var/lib/dsreg", List.of());
        assertEquals(new CleanupStep.RemoveAccount(ALICE), plan.steps().get(0));
        assertTrue(plan.steps().contains(new CleanupStep.StopService(CleanupPlan.DEVICE_BROKER_UNIT)));
        assertTrue(plan.steps().stream().noneMatch(CleanupStep.Skipped.class::isInstance), plan.steps().toString());
        assertEquals(new CleanupStep.RemoveTree(CleanupStep.Phase.USER, "/home/alice", ".cache/intune-portal",
                "user cache of the identity broker and Intune"), plan.steps().get(1));
    }

    /** Issue 11: one option confines the whole run. */
    @Test
    void underARootTheHomeIsTakenUnderItAndWhatWouldReachTheRunningSystemIsSkipped() {
        CleanupPlan plan = CleanupPlan.of("/home/alice", List.of(ALICE), true, "/img/", "/img/var/lib/dsreg", List.of());
        String why = "the root prefix confines the cleanup to /img; this would reach the running system";
        assertEquals(new CleanupStep.Skipped(CleanupStep.Phase.USER,
                "remove the identity broker's accounts (removeAccount)", why), plan.steps().get(0));
        assertTrue(plan.steps().contains(new CleanupStep.Skipped(CleanupStep.Phase.SYSTEM,
                "stop " + CleanupPlan.DEVICE_BROKER_UNIT, why)));
        assertTrue(plan.steps().stream().noneMatch(s -> s instanceof CleanupStep.RemoveAccount
                || s instanceof CleanupStep.StopService), plan.steps().toString());
        List<CleanupStep.RemoveTree> caches = plan.steps().stream().filter(s -> s.phase() == CleanupStep.Phase.USER)
                .filter(CleanupStep.RemoveTree.class::isInstance).map(CleanupStep.RemoveTree.class::cast).toList();
        assertEquals(CleanupPlan.USER_CACHES.size(), caches.size());
        for (int i = 0; i < caches.size(); i++) {
            assertEquals("/img", caches.get(i).anchor());
            assertEquals("home/alice/" + CleanupPlan.USER_CACHES.get(i), caches.get(i).relative());
        }
        // as a user: the broker is still not asked, phase 2 is not planned
        CleanupPlan user = CleanupPlan.of("/home/alice", List.of(ALICE), false, "/img", "/img/var/lib/dsreg", List.of());
        assertTrue(user.steps().get(0) instanceof CleanupStep.Skipped, user.steps().toString());
        assertFalse(user.systemPhaseIncluded());
    }

    @Test
    void aHomeThatClimbsStaysUnderTheRoot() {
        CleanupPlan plan = CleanupPlan.of("/home/../../../etc/./", List.of(), false, "/img", "/img/var/lib/dsreg",
                List.of());
        CleanupStep.RemoveTree first = (CleanupStep.RemoveTree) plan.steps().get(1);
        assertEquals("/img", first.anchor());
        assertEquals("etc/.cache/intune-portal", first.relative());
        CleanupPlan rootHome = CleanupPlan.of("/", List.of(), false, "/img", "/img/var/lib/dsreg", List.of());
        assertEquals(".cache/intune-portal", ((CleanupStep.RemoveTree) rootHome.steps().get(1)).relative());
    }

    @Test
    void aStateDirectoryOutsideTheRootOrTheRootItselfIsSkipped() {
        CleanupPlan outside = CleanupPlan.of("/root", List.of(), true, "/img", "/srv/dsreg", List.of());
        assertEquals(new CleanupStep.Skipped(CleanupStep.Phase.SYSTEM,
                        "remove /srv/dsreg (dsreg's own registrations and keys (TPM key blobs included))",
                        "it is outside the root prefix /img, and nothing outside it is touched"),
                outside.steps().get(outside.steps().size() - 1));
        CleanupPlan sibling = CleanupPlan.of("/root", List.of(), true, "/img", "/img2/var/lib/dsreg", List.of());
        assertTrue(sibling.steps().get(sibling.steps().size() - 1) instanceof CleanupStep.Skipped);
        CleanupPlan itself = CleanupPlan.of("/root", List.of(), true, "/img", "/img/", List.of());
        assertEquals("it is the root prefix itself",
                ((CleanupStep.Skipped) itself.steps().get(itself.steps().size() - 1)).why());
        CleanupPlan slash = CleanupPlan.of("/root", List.of(), true, "/", "/", List.of());
        assertTrue(slash.steps().get(slash.steps().size() - 1) instanceof CleanupStep.Skipped);
    }

    @Test
    void relativePathsAreRefusedAsInvalidArguments() {
        DsregException root = assertThrows(DsregException.class,
                () -> CleanupPlan.of("/root", List.of(), true, "img", "/img/var/lib/dsreg", List.of()));
        assertEquals(ErrorKind.INVALID_ARGUMENTS, root.kind());
        assertEquals("the root prefix must be an absolute path: img", root.getMessage());
        DsregException state = assertThrows(DsregException.class,
                () -> CleanupPlan.of("/root", List.of(), true, "/", "var/lib/dsreg", List.of()));
        assertEquals("the state directory must be an absolute path: var/lib/dsreg", state.getMessage());
    }

    @Test
    void aSkippedStepIsReportedAsSkippedAndCannotClaimWork() {
        CleanupStep.Skipped skip = new CleanupStep.Skipped(CleanupStep.Phase.SYSTEM, "stop x", "why");
        CleanupReport.StepResult r = CleanupReport.StepResult.skipped(skip);
        assertEquals(CleanupReport.Outcome.SKIPPED, r.outcome());
        assertTrue(new CleanupReport(List.of(r)).succeeded(), "a skipped step is no failure");
        assertThrows(IllegalArgumentException.class,
                () -> new CleanupReport.StepResult(skip, List.of("x"), List.of(), List.of()));
        CleanupStep stop = new CleanupStep.StopService("x");
        assertEquals(CleanupReport.Outcome.FAILED,
                new CleanupReport.StepResult(stop, List.of(), List.of(), List.of("no")).outcome());
        assertEquals(CleanupReport.Outcome.DONE,
                new CleanupReport.StepResult(stop, List.of(), List.of(), List.of()).outcome());
    }

    private static String anchor(CleanupStep s) {
        return s instanceof CleanupStep.RemoveTree t ? t.anchor()
                : s instanceof CleanupStep.RemoveDeviceFiles d ? d.anchor() : "";
    }

    private static String relative(CleanupStep s) {
        return s instanceof CleanupStep.RemoveTree t ? t.relative()
                : s instanceof CleanupStep.RemoveDeviceFiles d ? d.relative() : "";
    }

    @Test
    void deviceFileNamesNeedAPrefixAndSomethingAfterIt() {
        assertTrue(CleanupPlan.isDeviceFileName("drs_abc", CleanupPlan.DEVICE_FILE_PREFIXES));
        assertTrue(CleanupPlan.isDeviceFileName("stk_abc", CleanupPlan.DEVICE_FILE_PREFIXES));
        assertFalse(CleanupPlan.isDeviceFileName("drs_", CleanupPlan.DEVICE_FILE_PREFIXES));
        assertFalse(CleanupPlan.isDeviceFileName("xdrs_abc", CleanupPlan.DEVICE_FILE_PREFIXES));
        assertFalse(CleanupPlan.isDeviceFileName("DRS_abc", CleanupPlan.DEVICE_FILE_PREFIXES));
    }

    @Test
    void stepsRefusePathsThatCouldLeaveTheirAnchor() {
        assertThrows(IllegalArgumentException.class,
                () -> new CleanupStep.RemoveTree(CleanupStep.Phase.USER, "/home/a", "../etc", "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new CleanupStep.RemoveTree(CleanupStep.Phase.USER, "/home/a", "/etc", "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new CleanupStep.RemoveDeviceFiles("/", "etc/./x", List.of("drs_"), "x"));
    }
}
