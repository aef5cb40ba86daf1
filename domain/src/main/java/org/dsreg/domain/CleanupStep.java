package org.dsreg.domain;

import java.util.List;
import java.util.Objects;

/** One thing the cleanup does. */
public sealed interface CleanupStep {
    /** Phase 1 runs as the invoking user; phase 2 only as root. */
    enum Phase { USER, SYSTEM }

    Phase phase();

    /** What the step does, in one line for the plan and the report. */
    String describe();

    /** Remove an account from the user's identity broker (its tokens and PRT with it). */
    record RemoveAccount(Account account) implements CleanupStep {
        public RemoveAccount {
            Objects.requireNonNull(account, "account");
        }

        @Override
        public Phase phase() {
            return Phase.USER;
        }

        @Override
        public String describe() {
            return "remove broker account " + account.username();
        }
    }

    /**
     * Remove a directory and everything in it. {@code anchor} is trusted (the root prefix, the
     * home directory); below it, {@code relative} and everything inside are walked without
     * following a symbolic link, and the walk never leaves the tree.
     */
    record RemoveTree(Phase phase, String anchor, String relative, String why) implements CleanupStep {
        public RemoveTree {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(relative, "relative");
            Objects.requireNonNull(why, "why");
            CleanupStep.checkRelative(relative);
        }

        public String path() {
            return CleanupStep.join(anchor, relative);
        }

        @Override
        public String describe() {
            return "remove " + path() + " (" + why + ")";
        }
    }

    /**
     * Remove the regular files named with one of the prefixes directly in the directory
     * {@code anchor}/{@code relative}; links, directories and other names stay.
     */
    record RemoveDeviceFiles(String anchor, String relative, List<String> prefixes, String why)
            implements CleanupStep {
        public RemoveDeviceFiles {
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(relative, "relative");
            prefixes = List.copyOf(prefixes);
            Objects.requireNonNull(why, "why");
            CleanupStep.checkRelative(relative);
        }

        public String directory() {
            return CleanupStep.join(anchor, relative);
        }

        @Override
        public Phase phase() {
            return Phase.SYSTEM;
        }

        @Override
        public String describe() {
            return "remove " + String.join(" and ", prefixes.stream().map(p -> p + "*").toList()) + " files in "
                    + directory() + " (" + why + ")";
        }
    }

    /** Stop a systemd unit. */
    record StopService(String unit) implements CleanupStep {
        public StopService {
            Objects.requireNonNull(unit, "unit");
        }

        @Override
        public Phase phase() {
            return Phase.SYSTEM;
        }

        @Override
        public String describe() {
            return "stop " + unit;
        }
    }

    /**
     * A step the plan leaves out on purpose, and why: under a root prefix, the steps that would
     * reach the running system (the user broker's {@code removeAccount}, stopping the device broker)
     * and anything outside the root. Reported as skipped, never as done or failed.
     */
    record Skipped(Phase phase, String action, String why) implements CleanupStep {
        public Skipped {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String describe() {
            return action;
        }
    }

    /** A relative path below an anchor: no leading slash, no "." or ".." element. */
    static void checkRelative(String relative) {
        if (relative.isEmpty() || relative.startsWith("/")
                || java.util.Arrays.stream(relative.split("/")).anyMatch(e -> e.isEmpty() || e.equals(".") || e.equals(".."))) {
            throw new IllegalArgumentException("not a plain relative path: " + relative);
        }
    }

    static String join(String anchor, String relative) {
        return anchor.endsWith("/") ? anchor + relative : anchor + "/" + relative;
    }
}
