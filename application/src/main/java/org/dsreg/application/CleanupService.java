package org.dsreg.application;

import java.util.ArrayList;
import java.util.List;
import org.dsreg.domain.Account;
import org.dsreg.domain.CleanupPlan;
import org.dsreg.domain.CleanupReport;
import org.dsreg.domain.CleanupStep;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.CleanupCommand;
import org.dsreg.port.in.CleanupUseCase;
import org.dsreg.port.out.CleanupFiles;
import org.dsreg.port.out.Privileges;
import org.dsreg.port.out.ServiceManager;
import org.dsreg.port.out.UserBroker;

/** The two-phase cleanup: the plan is a pure domain value; this service asks the facts and carries it out. */
public final class CleanupService implements CleanupUseCase {
    private final UserBroker broker;
    private final ServiceManager services;
    private final CleanupFiles files;
    private final Privileges privileges;
    private final String root;
    private final String stateDir;

    /**
     * @param root     the root prefix of system paths ("/" on a running system; anything else
     *                 confines the cleanup to it: see {@link CleanupPlan#of})
     * @param stateDir dsreg's system state directory (absolute)
     */
    public CleanupService(UserBroker broker, ServiceManager services, CleanupFiles files, Privileges privileges,
                          String root, String stateDir) {
        this.broker = broker;
        this.services = services;
        this.files = files;
        this.privileges = privileges;
        this.root = root;
        this.stateDir = stateDir;
    }

    @Override
    public CleanupPlan plan(CleanupCommand command) {
        boolean asRoot = privileges.isRoot();
        if (command.requireSystem() && !asRoot) {
            throw new DsregException(ErrorKind.INSUFFICIENT_PERMISSIONS,
                    "removing device keys and certificates (the system phase) needs root", new Remedy.Cleanup(true),
                    null);
        }
        if (files.isOtherThanADirectory(stateDir)) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "the state directory " + stateDir
                    + " is not a directory; nothing was removed", new Remedy.CheckStateDir(), null);
        }
        List<Account> accounts = List.of();
        List<String> notes = new ArrayList<>();
        if (!CleanupPlan.confined(root)) { // under a root prefix, the running system's broker is not asked
            try {
                accounts = broker.accounts();
            } catch (DsregException e) {
                notes.add("broker accounts are not removed: " + e.getMessage());
            }
        }
        return CleanupPlan.of(command.home(), accounts, asRoot, root, stateDir, notes);
    }

    @Override
    public List<String> preview(CleanupStep step) {
        if (step instanceof CleanupStep.RemoveTree t) {
            return files.preview(t);
        }
        if (step instanceof CleanupStep.RemoveDeviceFiles d) {
            return files.preview(d);
        }
        return List.of();
    }

    @Override
    public CleanupReport execute(CleanupPlan plan) {
        List<CleanupReport.StepResult> results = new ArrayList<>();
        for (CleanupStep step : plan.steps()) {
            results.add(run(step));
        }
        return new CleanupReport(results);
    }

    private CleanupReport.StepResult run(CleanupStep step) {
        try {
            if (step instanceof CleanupStep.Skipped s) {
                return CleanupReport.StepResult.skipped(s);
            }
            if (CleanupPlan.confined(root) && (step instanceof CleanupStep.RemoveAccount
                    || step instanceof CleanupStep.StopService)) { // a plan built by hand: still confined
                return CleanupReport.StepResult.skipped(new CleanupStep.Skipped(step.phase(), step.describe(),
                        CleanupPlan.confinedWhy(root)));
            }
            if (step instanceof CleanupStep.RemoveAccount a) {
                broker.removeAccount(a.account());
                return done(step, a.account().username());
            }
            if (step instanceof CleanupStep.StopService s) {
                services.stop(s.unit());
                return done(step, s.unit() + " stopped");
            }
            if (step instanceof CleanupStep.RemoveTree t) {
                return files.remove(t);
            }
            return files.remove((CleanupStep.RemoveDeviceFiles) step);
        } catch (DsregException e) {
            return new CleanupReport.StepResult(step, List.of(), List.of(), List.of(e.getMessage()));
        }
    }

    private static CleanupReport.StepResult done(CleanupStep step, String what) {
        return new CleanupReport.StepResult(step, List.of(what), List.of(), List.of());
    }
}
