package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dsreg.domain.Account;
import org.dsreg.domain.CleanupPlan;
import org.dsreg.domain.CleanupReport;
import org.dsreg.domain.CleanupStep;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole cleanup plan under a root prefix, carried out on a real tree: a link (or a file) at
 * any element below the root, on the path to something cleanup removes, is not followed; that step
 * says why; every other step does its work; nothing outside the root changes (issue 11).
 */
class CleanupUnderRootTest {
    static final String HOME = "/home/alice";
    /** Every file of the tree, relative to the root; the ones marked "stays" survive any cleanup. */
    static final Map<String, String> TREE = Map.ofEntries(
            Map.entry("home/alice/.cache/Microsoft/Edge/cookies", "goes"),
            Map.entry("home/alice/.config/intune/state", "goes"),
            Map.entry("home/alice/.bashrc", "stays"),
            Map.entry("etc/microsoft/identity-broker/private/drs_device", "goes"),
            Map.entry("etc/microsoft/identity-broker/private/other.key", "stays"),
            Map.entry("etc/microsoft/identity-broker/certs/stk_cert", "goes"),
            Map.entry("etc/microsoft/identity-broker/certs/ca.pem", "stays"),
            Map.entry("var/lib/microsoft-identity-device-broker/db/state", "goes"),
            Map.entry("var/lib/dsreg/registrations/tenant.json", "goes"),
            Map.entry("var/lib/dsreg/keys/software/device-x", "goes"),
            Map.entry("var/lib/other-service/data", "stays"));

    @TempDir
    Path root;
    @TempDir
    Path outside;
    final SecureCleanupFiles files = new SecureCleanupFiles();

    @BeforeEach
    void tree() throws IOException {
        for (Path base : List.of(root, outside.resolve("copy"))) {
            for (var e : TREE.entrySet()) {
                Files.createDirectories(base.resolve(e.getKey()).getParent());
                Files.writeString(base.resolve(e.getKey()), e.getValue());
            }
        }
    }

    CleanupPlan plan() {
        return CleanupPlan.of(HOME, List.of(new Account("alice@contoso.com", java.util.Optional.empty(), "a.t",
                java.util.Optional.empty(), java.util.Optional.empty())), true, root.toString(),
                root.resolve("var/lib/dsreg").toString(), List.of());
    }

    List<CleanupReport.StepResult> run(CleanupPlan plan) {
        List<CleanupReport.StepResult> results = new ArrayList<>();
        for (CleanupStep step : plan.steps()) {
            if (step instanceof CleanupStep.RemoveTree t) {
                results.add(files.remove(t));
            } else if (step instanceof CleanupStep.RemoveDeviceFiles d) {
                results.add(files.remove(d));
            } else if (step instanceof CleanupStep.Skipped s) {
                results.add(CleanupReport.StepResult.skipped(s));
            } else {
                throw new AssertionError("under a root, no step reaches the running system: " + step);
            }
        }
        return results;
    }

    static String relative(CleanupStep step) {
        return step instanceof CleanupStep.RemoveTree t ? t.relative()
                : step instanceof CleanupStep.RemoveDeviceFiles d ? d.relative() : "";
    }

    @Test
    void withoutLinksEveryStepDoesItsWorkAndOnlyOurFilesGo() throws IOException {
        List<CleanupReport.StepResult> results = run(plan());
        assertTrue(results.stream().allMatch(r -> r.failed().isEmpty()), results.toString());
        for (var e : TREE.entrySet()) {
            assertEquals(e.getValue().equals("stays"), Files.exists(root.resolve(e.getKey()), LinkOption.NOFOLLOW_LINKS),
                    e.getKey());
        }
        assertFalse(Files.exists(root.resolve("var/lib/dsreg")), "the state directory itself goes");
        assertFalse(Files.exists(root.resolve("home/alice/.cache/Microsoft")));
        assertEquals(List.of(CleanupReport.Outcome.SKIPPED, CleanupReport.Outcome.SKIPPED),
                results.stream().map(CleanupReport.StepResult::outcome)
                        .filter(o -> o == CleanupReport.Outcome.SKIPPED).toList());
        assertEquals(List.of("remove the identity broker's accounts (removeAccount)",
                "stop " + CleanupPlan.DEVICE_BROKER_UNIT), results.stream()
                .filter(r -> r.outcome() == CleanupReport.Outcome.SKIPPED).map(r -> r.step().describe()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"var", "var/lib", "var/lib/dsreg", "var/lib/dsreg/keys",
        "var/lib/microsoft-identity-device-broker", "etc", "etc/microsoft/identity-broker",
        "etc/microsoft/identity-broker/certs", "home", "home/alice", "home/alice/.cache",
        "home/alice/.cache/Microsoft"})
    void aLinkAnywhereBelowTheRootIsNotFollowedAndThatStepSaysWhy(String link) throws IOException {
        deleteTree(root.resolve(link));
        Files.createSymbolicLink(root.resolve(link), outside.resolve("copy").resolve(link));
        Map<String, String> outsideBefore = snapshot(outside);

        List<CleanupReport.StepResult> results = run(plan());

        assertEquals(outsideBefore, snapshot(outside), "nothing outside the root changes");
        boolean insideATreeRemoved = results.stream().anyMatch(r -> r.step() instanceof CleanupStep.RemoveTree
                && link.startsWith(relative(r.step()) + "/"));
        // a link inside a tree that goes is removed as a link (its target kept); any other link stays
        assertEquals(!insideATreeRemoved, Files.isSymbolicLink(root.resolve(link)), "the link");
        String why = root.resolve(link) + " is a symbolic link; not followed";
        for (CleanupReport.StepResult r : results) {
            String rel = relative(r.step());
            Path path = root.resolve(rel);
            if (rel.startsWith(link + "/") || (rel.equals(link) && r.step() instanceof CleanupStep.RemoveDeviceFiles)) {
                assertEquals(List.of(path + ": " + why), r.failed(), r.toString());
                assertEquals(List.of(), r.removed(), r.toString());
            } else if (rel.equals(link)) { // a tree that is itself a link: the link is left, its target kept
                assertEquals(List.of(path + ": a symbolic link; not followed, left alone"), r.left(), r.toString());
                assertEquals(List.of(), r.failed(), r.toString());
            } else {
                assertEquals(List.of(), r.failed(), r.toString());
            }
        }
        for (var e : TREE.entrySet()) {
            boolean behindLink = e.getKey().startsWith(link + "/");
            if (!behindLink) {
                assertEquals(e.getValue().equals("stays"),
                        Files.exists(root.resolve(e.getKey()), LinkOption.NOFOLLOW_LINKS), e.getKey());
            }
        }
    }

    @Test
    void aFileWhereADirectoryShouldBeIsNotEnteredEither() throws IOException {
        deleteTree(root.resolve("var/lib"));
        Files.writeString(root.resolve("var/lib"), "a file");
        List<CleanupReport.StepResult> results = run(plan());
        String why = root.resolve("var/lib") + " is not a directory; not followed";
        assertEquals(List.of(root.resolve(CleanupPlan.DEVICE_BROKER_DATA) + ": " + why,
                root.resolve("var/lib/dsreg") + ": " + why), results.stream().flatMap(r -> r.failed().stream()).toList());
        assertEquals("a file", Files.readString(root.resolve("var/lib")));
    }

    @Test
    void aStateDirectoryOutsideTheRootIsSkippedAndKept() throws IOException {
        Path state = outside.resolve("copy/var/lib/dsreg");
        CleanupPlan plan = CleanupPlan.of(HOME, List.of(), true, root.toString(), state.toString(), List.of());
        CleanupReport.StepResult last = run(plan).get(plan.steps().size() - 1);
        assertEquals(CleanupReport.Outcome.SKIPPED, last.outcome());
        assertTrue(Files.exists(state.resolve("registrations/tenant.json")));
    }

    private static Map<String, String> snapshot(Path base) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : walk.toList()) {
                all.put(base.relativize(p).toString(), Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p) ? "dir" : Files.readString(p));
            }
        }
        return all;
    }

    private static void deleteTree(Path top) throws IOException {
        try (Stream<Path> walk = Files.walk(top)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
