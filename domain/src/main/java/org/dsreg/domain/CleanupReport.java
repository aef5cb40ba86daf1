package org.dsreg.domain;

import java.util.List;
import java.util.Objects;

/** What the cleanup did: for each step, what it removed, what it left and why. */
public record CleanupReport(List<StepResult> results) {
    public CleanupReport {
        results = List.copyOf(results);
    }

    /** Whether every step did what it set out to do (left items that are not ours do not count). */
    public boolean succeeded() {
        return results.stream().allMatch(r -> r.failed().isEmpty());
    }

    /**
     * One step's outcome: what was removed, what was deliberately left (links, files that do not
     * match), and what could not be removed (with the reason).
     */
    public record StepResult(CleanupStep step, List<String> removed, List<String> left, List<String> failed) {
        public StepResult {
            Objects.requireNonNull(step, "step");
            removed = List.copyOf(removed);
            left = List.copyOf(left);
            failed = List.copyOf(failed);
        }
    }
}
