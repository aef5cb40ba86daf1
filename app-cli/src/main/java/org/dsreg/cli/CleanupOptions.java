package org.dsreg.cli;

import java.io.IOException;
import org.dsreg.embed.Dsreg;
import picocli.CommandLine.Option;

/** {@code --cleanup [--dry-run] [--yes] [--system]}. */
final class CleanupOptions implements ActionOptions {
    @Option(names = "--cleanup", required = true,
            description = "Clean local broker state after confirmation: phase 1 (always) the user's broker accounts"
                    + " and caches; phase 2 (root only) device keys and certificates (drs_*, stk_*), the device"
                    + " broker's data and dsreg's own state. Never follows a link; never unregisters the device."
                    + " With --json, the plan or report as one JSON document.")
    boolean cleanup;

    @Option(names = "--dry-run", description = "With --cleanup: print what would be removed, stopped and why; change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "With --cleanup: confirm without asking (for automation).")
    boolean yes;

    @Option(names = "--system", description = "With --cleanup: phase 2 is required; without root, exit 4 before anything.")
    boolean system;

    @Override
    public String flag() {
        return "--cleanup";
    }

    @Override
    public int run(Dsreg dsreg, Invocation i) throws IOException {
        return new CleanupAction(dsreg, i.out(), i.err(), i.in(), i.terminal(), i.json())
                .run(i.env().get("HOME"), system, dryRun, yes);
    }
}
