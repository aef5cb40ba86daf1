package org.dsreg.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code dsreg --cleanup} may touch, by rule, before anything is touched: a pure value built
 * from the facts of this host (its accounts, which paths exist, whether dsreg runs as root). The
 * rules are those of Microsoft's Linux dsreg: phase 1 (the invoking user's accounts and caches)
 * always; phase 2 (device keys and certificates, the device broker's data, dsreg's own system
 * state) only as root, and only files named {@code drs_*} or {@code stk_*} in the key and
 * certificate directories.
 */
public record CleanupPlan(List<CleanupStep> steps, boolean systemPhaseIncluded, List<Note> notes) {
    /** The user cache directories, relative to the home directory, as the seed lists them. */
    public static final List<String> USER_CACHES = List.of(".cache/intune-portal", ".cache/Microsoft",
            ".cache/microsoft-edge", ".config/intune", ".config/microsoft-identity-broker", ".local/share/intune-portal");
    public static final String DEVICE_BROKER_UNIT = "microsoft-identity-device-broker.service";
    public static final String PRIVATE_KEYS_DIR = "etc/microsoft/identity-broker/private";
    public static final String CERTS_DIR = "etc/microsoft/identity-broker/certs";
    public static final String DEVICE_BROKER_DATA = "var/lib/microsoft-identity-device-broker";
    public static final List<String> DEVICE_FILE_PREFIXES = List.of("drs_", "stk_");

    public CleanupPlan {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    /** Something the user should know about the plan, and what to do about it where something helps. */
    public record Note(String text, Optional<Remedy> remedy) {
        public Note {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(remedy, "remedy");
        }
    }

    /**
     * Builds the plan. {@code home} is the invoking user's home directory (as on the running
     * system); {@code root} the root prefix of system paths, {@code "/"} on a running system;
     * {@code stateDir} dsreg's system state directory (absolute); {@code accounts} the broker's
     * accounts, when it could list them, with {@code notes} saying what could not be looked at.
     *
     * <p>Every system step is anchored at the root with its path relative to it, so that no
     * element below the root is followed when it is a link. Under a root prefix other than
     * {@code "/"} the run is confined to it: the home directory is taken under the root too, dsreg's
     * state directory is touched only when it lies below the root, and the steps that would reach
     * the running system (the broker's accounts, stopping the device broker) are skipped.
     */
    public static CleanupPlan of(String home, List<Account> accounts, boolean asRoot, String root, String stateDir,
                                 List<String> notes) {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(stateDir, "stateDir");
        String rootDir = absolute(root, "the root prefix");
        boolean confined = confined(rootDir);
        String why = confinedWhy(rootDir);
        List<CleanupStep> steps = new ArrayList<>();
        if (confined) {
            steps.add(new CleanupStep.Skipped(CleanupStep.Phase.USER,
                    "remove the identity broker's accounts (removeAccount)", why));
        } else {
            for (Account a : accounts) {
                steps.add(new CleanupStep.RemoveAccount(a));
            }
        }
        String homeRelative = relative(absolute(home, "the home directory"));
        for (String cache : USER_CACHES) {
            steps.add(confined
                    ? new CleanupStep.RemoveTree(CleanupStep.Phase.USER, rootDir, join(homeRelative, cache), USER_CACHE)
                    : new CleanupStep.RemoveTree(CleanupStep.Phase.USER, home, cache, USER_CACHE));
        }
        List<Note> allNotes = new ArrayList<>(notes.stream().map(n -> new Note(n, Optional.empty())).toList());
        if (asRoot) {
            steps.add(confined ? new CleanupStep.Skipped(CleanupStep.Phase.SYSTEM, "stop " + DEVICE_BROKER_UNIT, why)
                    : new CleanupStep.StopService(DEVICE_BROKER_UNIT));
            steps.add(new CleanupStep.RemoveDeviceFiles(rootDir, PRIVATE_KEYS_DIR, DEVICE_FILE_PREFIXES,
                    "device private keys"));
            steps.add(new CleanupStep.RemoveDeviceFiles(rootDir, CERTS_DIR, DEVICE_FILE_PREFIXES, "device certificates"));
            steps.add(new CleanupStep.RemoveTree(CleanupStep.Phase.SYSTEM, rootDir, DEVICE_BROKER_DATA,
                    "system-level data of the device broker"));
            steps.add(stateStep(rootDir, absolute(stateDir, "the state directory")));
        } else {
            allNotes.add(new Note("phase 2 (device keys and certificates in /" + PRIVATE_KEYS_DIR + " and /" + CERTS_DIR
                    + ", /" + DEVICE_BROKER_DATA + ", dsreg's system state) needs root",
                    Optional.of(new Remedy.Cleanup(true))));
        }
        allNotes.add(new Note("the device stays registered in Microsoft Entra ID",
                Optional.of(new Remedy.Unregister(Optional.empty(), true))));
        return new CleanupPlan(steps, asRoot, allNotes);
    }

    private static final String USER_CACHE = "user cache of the identity broker and Intune";
    private static final String STATE = "dsreg's own registrations and keys (TPM key blobs included)";

    /** Whether a root prefix confines the run (anything but the running system's {@code /}). */
    public static boolean confined(String root) {
        return !absolute(root, "the root prefix").equals("/");
    }

    /** Why a step that would reach the running system is skipped under a root prefix. */
    public static String confinedWhy(String root) {
        return "the root prefix confines the cleanup to " + absolute(root, "the root prefix")
                + "; this would reach the running system";
    }

    /** dsreg's state directory, anchored at the root when it lies strictly below it, else skipped. */
    private static CleanupStep stateStep(String root, String stateDir) {
        String rootPrefix = root.equals("/") ? "/" : root + "/";
        if (!stateDir.startsWith(rootPrefix) || stateDir.equals(root)) {
            return new CleanupStep.Skipped(CleanupStep.Phase.SYSTEM, "remove " + stateDir + " (" + STATE + ")",
                    stateDir.equals(root) ? "it is the root prefix itself"
                            : "it is outside the root prefix " + root + ", and nothing outside it is touched");
        }
        return new CleanupStep.RemoveTree(CleanupStep.Phase.SYSTEM, root, stateDir.substring(rootPrefix.length()),
                STATE);
    }

    /**
     * An absolute path, lexically normalised: repeated slashes and "." dropped, ".." taken back
     * (never above {@code /}). Lexical is right here: cleanup never follows a link, so a name is
     * what it says below its anchor.
     */
    static String absolute(String path, String what) {
        if (!path.startsWith("/")) {
            throw DsregException.invalidArgument(what + " must be an absolute path: " + path);
        }
        java.util.ArrayDeque<String> kept = new java.util.ArrayDeque<>();
        for (String e : path.split("/")) {
            if (e.equals("..")) {
                kept.pollLast();
            } else if (!e.isEmpty() && !e.equals(".")) {
                kept.addLast(e);
            }
        }
        return "/" + String.join("/", kept);
    }

    /** An absolute normalised path without its leading slash ("" for {@code /}). */
    private static String relative(String absolute) {
        return absolute.substring(1);
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : first + "/" + second;
    }

    /** Whether a file name is one phase 2 may remove from the key and certificate directories. */
    public static boolean isDeviceFileName(String name, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> name.startsWith(p) && name.length() > p.length())
                && !name.contains("/");
    }

}
