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
        CleanupPlan plan = CleanupPlan.of("/home/alice", List.of(ALICE), false, "/", "/var/lib", "dsreg", List.of());
        assertFalse(plan.systemPhaseIncluded());
        assertTrue(plan.steps().stream().allMatch(s -> s.phase() == CleanupStep.Phase.USER));
        assertEquals(new CleanupStep.RemoveAccount(ALICE), plan.steps().get(0));
        assertEquals(List.of("/home/alice/.cache/intune-portal", "/home/alice/.cache/Microsoft",
                        "/home/alice/.cache/microsoft-edge", "/home/alice/.config/intune",
                        "/home/alice/.config/microsoft-identity-broker", "/home/alice/.local/share/intune-portal"),
                plan.steps().stream().filter(CleanupStep.RemoveTree.class::isInstance)
                        .map(s -> ((CleanupStep.RemoveTree) s).path()).toList());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("needs root")), plan.notes().toString());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("--unregister")), "it never unregisters");
    }

    @Test
    void asRootPhaseTwoTouchesOnlyTheSeedsPlacesUnderTheRoot() {
        CleanupPlan plan = CleanupPlan.of("/root", List.of(), true, "/img", "/img/var/lib", "dsreg", List.of());
        assertTrue(plan.systemPhaseIncluded());
        List<String> system = plan.steps().stream().filter(s -> s.phase() == CleanupStep.Phase.SYSTEM)
                .map(CleanupStep::describe).toList();
        assertEquals(List.of("stop microsoft-identity-device-broker.service",
                "remove drs_* and stk_* files in /img/etc/microsoft/identity-broker/private (device private keys)",
                "remove drs_* and stk_* files in /img/etc/microsoft/identity-broker/certs (device certificates)",
                "remove /img/var/lib/microsoft-identity-device-broker (system-level data of the device broker)",
                "remove /img/var/lib/dsreg (dsreg's own registrations and keys (TPM key blobs included))"), system);
        assertFalse(plan.notes().stream().anyMatch(n -> n.contains("needs root")));
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
