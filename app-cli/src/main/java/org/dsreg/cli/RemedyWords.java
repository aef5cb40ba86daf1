package org.dsreg.cli;

import java.util.Map;
import java.util.Optional;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.CleanupPlan;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.TenantId;

/**
 * The one place that words a {@link Remedy} for the command line: the core says what helps, this
 * says which dsreg command line does it. Every output (the {@code Hint:} line, text, dsregcmd, JSON
 * {@code hint} fields, Prometheus) takes its words from here.
 */
final class RemedyWords {
    private RemedyWords() {
    }

    static String of(Remedy remedy) {
        if (remedy instanceof Remedy.Say s) {
            return s.text();
        }
        if (remedy instanceof Remedy.Either e) {
            return of(e.first()) + ", or " + of(e.otherwise());
        }
        if (remedy instanceof Remedy.Unregister u) {
            return "run '" + (u.asRoot() ? "sudo " : "") + unregister(u.tenant()) + "'";
        }
        if (remedy instanceof Remedy.UnregisterFirst u) {
            return "run '" + unregister(Optional.of(u.tenant())) + "' first";
        }
        if (remedy instanceof Remedy.Rejoin r) {
            return "run '" + unregister(Optional.of(r.tenant())) + "' and join again"
                    + (r.beforeExpiry() ? " before it expires" : "");
        }
        if (remedy instanceof Remedy.Join j) {
            return j.type() == JoinType.REGISTERED ? "add a registration with --join-type register"
                    : "join with --join-type join";
        }
        if (remedy instanceof Remedy.SignInAgain a) {
            return "sign in again: run 'sudo dsreg --refreshprt --tenant-id " + a.tenant()
                    + " --token-source device-code'";
        }
        if (remedy instanceof Remedy.RefreshPrt p) {
            return "run 'sudo dsreg --refreshprt --tenant-id " + p.tenant() + "'";
        }
        if (remedy instanceof Remedy.UserUnit u) {
            return switch (u.step()) {
                case ENABLE_AND_START -> "run 'systemctl --user enable --now " + u.unit() + "'";
                case UNMASK -> "run 'systemctl --user unmask " + u.unit() + "'";
                case READ_LOG -> "see 'journalctl --user -u " + u.unit() + "'";
            };
        }
        if (remedy instanceof Remedy.Repair r) {
            return "repair it: run 'sudo dsreg --repair --tenant-id " + r.tenant() + "'";
        }
        if (remedy instanceof Remedy.ForceIfNotDisabled f) {
            return "an administrator can check device " + f.device() + " in the Microsoft Entra admin center (Devices >"
                    + " All devices); if it is not disabled, run the same command again with --force";
        }
        if (remedy instanceof Remedy.Cleanup c) {
            return "run '" + (c.asRoot() ? "sudo " : "") + "dsreg --cleanup'";
        }
        return fixed(remedy);
    }

    /** The words of the kinds that carry nothing but themselves. */
    private static final Map<Class<? extends Remedy>, String> FIXED = Map.of(
            Remedy.RestoreOrCleanup.class, "dsreg leaves it alone; restore it from a backup, or remove it with"
                    + " dsreg --cleanup (and delete the device in Entra)",
            Remedy.NextChangeRemovesLeftovers.class,
            "the next dsreg --join or --unregister run as root removes them (or dsreg --cleanup)",
            Remedy.RunAsRoot.class, "run with sudo",
            Remedy.OwnStateDir.class, "use a --state-dir of your own",
            Remedy.CheckStateDir.class, "point --state-dir at dsreg's state directory",
            Remedy.GiveTenant.class, "give --tenant-id",
            Remedy.LongerTimeout.class, "allow longer with --timeout",
            Remedy.ChooseAccount.class, "choose one with --account UPN",
            Remedy.UseDeviceCodeSignIn.class, "use --token-source device-code");

    private static String fixed(Remedy remedy) {
        if (remedy instanceof Remedy.ShowStatus s) {
            return "see 'dsreg --status' " + s.what();
        }
        String words = FIXED.get(remedy.getClass());
        if (words == null) {
            throw new IllegalArgumentException("no words for " + remedy);
        }
        return words;
    }

    /** A cleanup note, with its advice after a colon. */
    static String of(CleanupPlan.Note note) {
        return note.text() + note.remedy().map(r -> ": " + of(r)).orElse("");
    }

    /** A diagnostic's detail, with its advice after a semicolon. */
    static String detail(Diagnostics.Result result) {
        return result.detail() + result.remedy().map(r -> "; " + of(r)).orElse("");
    }

    /** Why a broker is starting, with how to give it the time it needs. */
    static String reason(BrokerConnection.Starting starting) {
        return starting.reason() + "; " + of(starting.remedy());
    }

    private static String unregister(Optional<TenantId> tenant) {
        return "dsreg --unregister --tenant-id " + tenant.map(TenantId::toString).orElse("<id>");
    }
}
