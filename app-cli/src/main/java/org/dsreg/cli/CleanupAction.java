package org.dsreg.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.dsreg.domain.CleanupPlan;
import org.dsreg.domain.CleanupReport;
import org.dsreg.domain.CleanupStep;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.embed.CleanupRequest;
import org.dsreg.embed.Dsreg;

/**
 * {@code dsreg --cleanup}: the plan, the seed's confirmation, the run, and what each step did
 * (removed, left, FAILED, skipped) as text, or as one JSON document with {@code --json}.
 */
final class CleanupAction {
    /** The warning and question of Microsoft's dsreg, word for word. */
    static final String WARNING = String.join("\n",
            "WARNING: This operation will permanently remove all local accounts, credentials, and cached tokens.",
            "Running as root will also remove device certificates and private keys from:",
            "- /etc/microsoft/identity-broker/certs (certificates)",
            "- /etc/microsoft/identity-broker/private (private keys)",
            "This is an irreversible operation.");
    static final String QUESTION = "Do you want to continue? (Y/N): ";

    private final Dsreg dsreg;
    private final PrintWriter out;
    private final PrintWriter err;
    private final BufferedReader in;
    private final boolean terminal;
    private final boolean json;

    CleanupAction(Dsreg dsreg, PrintWriter out, PrintWriter err, BufferedReader in, boolean terminal, boolean json) {
        this.dsreg = dsreg;
        this.out = out;
        this.err = err;
        this.in = in;
        this.terminal = terminal;
        this.json = json;
    }

    int run(String home, boolean system, boolean dryRun, boolean yes) throws IOException {
        if (home == null || home.isBlank()) {
            throw DsregException.invalidArgument("HOME is not set: the user caches cannot be found");
        }
        CleanupPlan plan = dsreg.cleanupPlan(new CleanupRequest(java.nio.file.Path.of(home), system));
        if (dryRun) {
            printPlan(plan);
            return 0;
        }
        if (!yes && !confirmed()) {
            return ErrorKind.CLEANUP_CANCELED.exitCode();
        }
        CleanupReport report = dsreg.cleanup(plan);
        printReport(plan, report);
        if (!report.succeeded()) {
            long failed = report.results().stream().mapToLong(r -> r.failed().size()).sum();
            err.println("dsreg: cleanup failed: " + failed
                    + " item(s) could not be removed (listed above as FAILED); everything else listed was removed");
            return ErrorKind.CLEANUP_FAILED.exitCode();
        }
        return 0;
    }

    /** The seed's prompt; with --json on stderr, so that stdout stays one JSON document. */
    private boolean confirmed() throws IOException {
        if (!terminal) {
            err.println("dsreg: cleanup canceled: there is no terminal to ask for confirmation on");
            err.println("Hint: confirm with --yes in scripts, or look first with --dry-run");
            return false;
        }
        PrintWriter prompt = json ? err : out;
        prompt.println(WARNING);
        prompt.print(QUESTION);
        prompt.flush();
        String answer = in.readLine();
        if (answer == null || !(answer.strip().equals("Y") || answer.strip().equals("y"))) {
            prompt.println();
            prompt.println("Cleanup canceled; nothing was changed.");
            return false;
        }
        return true;
    }

    private void printPlan(CleanupPlan plan) {
        if (json) {
            ObjectNode doc = document(true, plan);
            ArrayNode steps = doc.putArray("steps");
            for (CleanupStep step : plan.steps()) {
                ObjectNode n = step(steps, step);
                if (step instanceof CleanupStep.Skipped s) {
                    n.put("outcome", "skipped");
                    n.put("skipped", s.why());
                } else {
                    n.put("outcome", "planned");
                    strings(n.putArray("wouldRemove"), dsreg.cleanupPreview(step));
                }
            }
            out.println(doc.toString());
            out.flush();
            return;
        }
        out.println("Cleanup plan (dry run: nothing is changed)");
        out.println(Section.RULE);
        for (CleanupStep step : plan.steps()) {
            out.println(heading(step));
            if (step instanceof CleanupStep.Skipped s) {
                out.println("    skipped " + s.why());
            }
            for (String item : dsreg.cleanupPreview(step)) {
                out.println("    would remove " + item);
            }
        }
        plan.notes().forEach(n -> out.println("Note: " + RemedyWords.of(n)));
        out.flush();
    }

    private void printReport(CleanupPlan plan, CleanupReport report) {
        if (json) {
            ObjectNode doc = document(false, plan);
            doc.put("succeeded", report.succeeded());
            ArrayNode steps = doc.putArray("steps");
            for (CleanupReport.StepResult r : report.results()) {
                ObjectNode n = step(steps, r.step());
                n.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
                if (r.step() instanceof CleanupStep.Skipped s) {
                    n.put("skipped", s.why());
                }
                strings(n.putArray("removed"), r.removed());
                strings(n.putArray("left"), r.left());
                strings(n.putArray("failed"), r.failed());
            }
            out.println(doc.toString());
            out.flush();
            return;
        }
        for (CleanupReport.StepResult r : report.results()) {
            out.println(heading(r.step()));
            if (r.step() instanceof CleanupStep.Skipped s) {
                out.println("    skipped " + s.why());
            }
            r.removed().forEach(x -> out.println("    removed " + x));
            r.left().forEach(x -> out.println("    left    " + x));
            r.failed().forEach(x -> out.println("    FAILED  " + x));
        }
        plan.notes().forEach(n -> out.println("Note: " + RemedyWords.of(n)));
        out.flush();
    }

    private static String heading(CleanupStep step) {
        return "[phase " + phase(step) + "] " + step.describe();
    }

    private static int phase(CleanupStep step) {
        return step.phase() == CleanupStep.Phase.USER ? 1 : 2;
    }

    private static ObjectNode document(boolean dryRun, CleanupPlan plan) {
        ObjectNode doc = ActionJson.object();
        doc.put("dryRun", dryRun);
        doc.put("systemPhase", plan.systemPhaseIncluded());
        strings(doc.putArray("notes"), plan.notes().stream().map(RemedyWords::of).toList());
        return doc;
    }

    private static ObjectNode step(ArrayNode steps, CleanupStep step) {
        ObjectNode n = steps.addObject();
        n.put("phase", phase(step));
        n.put("action", step.describe());
        return n;
    }

    private static void strings(ArrayNode array, List<String> items) {
        items.forEach(array::add);
    }
}
