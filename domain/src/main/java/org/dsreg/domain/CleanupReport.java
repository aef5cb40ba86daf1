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
            if (step instanceof CleanupStep.Skipped && !(removed.isEmpty() && left.isEmpty() && failed.isEmpty())) {
                throw new IllegalArgumentException("a skipped step does nothing");
            }
        }

        /** The outcome of a step the plan skipped: nothing removed, left or failed. */
        public static StepResult skipped(CleanupStep.Skipped step) {
            return new StepResult(step, List.of(), List.of(), List.of());
        }

        public Outcome outcome() {
            if (step instanceof CleanupStep.Skipped) {
                return Outcome.SKIPPED;
            }
            return failed.isEmpty() ? Outcome.DONE : Outcome.FAILED;
        }
    }

    /**
     * DONE: carried out (what it removed and left is listed, possibly nothing); FAILED: something
     * was not removed or stopped (listed, with why); SKIPPED: not attempted, by the plan's rule.
     */
    public enum Outcome { DONE, FAILED, SKIPPED }
}
