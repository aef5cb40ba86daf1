package org.dsreg.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code dsreg --cleanup} may touch, by rule, before anything is touched: a pure value built
 * from the facts of this host (its accounts, which paths exist, whether dsreg runs as root). The
 * rules are those of Microsoft's Linux dsreg: phase 1 (the invoking user's accounts and caches)
 * always; phase 2 (device keys and certificates, the device broker's data, dsreg's own system
 * state) only as root, and only files named {@code drs_*} or {@code stk_*} in the key and
 * certificate directories.
 */
public record CleanupPlan(List<CleanupStep> steps, boolean systemPhaseIncluded, List<String> notes) {
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

    /**
     * Builds the plan. {@code home} is the invoking user's home directory; {@code root} the root
     * prefix of system paths; {@code dsregState} dsreg's system state directory as
     * (anchor, relative); {@code accounts} the broker's accounts, when it could list them, with
     * {@code notes} saying what could not be looked at.
     */
    public static CleanupPlan of(String home, List<Account> accounts, boolean asRoot, String root,
                                 String dsregStateAnchor, String dsregStateRelative, List<String> notes) {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(root, "root");
        List<CleanupStep> steps = new ArrayList<>();
        for (Account a : accounts) {
            steps.add(new CleanupStep.RemoveAccount(a));
        }
        for (String cache : USER_CACHES) {
            steps.add(new CleanupStep.RemoveTree(CleanupStep.Phase.USER, home, cache,
                    "user cache of the identity broker and Intune"));
        }
        List<String> allNotes = new ArrayList<>(notes);
        if (asRoot) {
            steps.add(new CleanupStep.StopService(DEVICE_BROKER_UNIT));
            steps.add(new CleanupStep.RemoveDeviceFiles(root, PRIVATE_KEYS_DIR, DEVICE_FILE_PREFIXES,
                    "device private keys"));
            steps.add(new CleanupStep.RemoveDeviceFiles(root, CERTS_DIR, DEVICE_FILE_PREFIXES, "device certificates"));
            steps.add(new CleanupStep.RemoveTree(CleanupStep.Phase.SYSTEM, root, DEVICE_BROKER_DATA,
                    "system-level data of the device broker"));
            steps.add(new CleanupStep.RemoveTree(CleanupStep.Phase.SYSTEM, dsregStateAnchor, dsregStateRelative,
                    "dsreg's own registrations and keys (TPM key blobs included)"));
        } else {
            allNotes.add("phase 2 (device keys and certificates in /" + PRIVATE_KEYS_DIR + " and /" + CERTS_DIR
                    + ", /" + DEVICE_BROKER_DATA + ", dsreg's system state) needs root: run 'sudo dsreg --cleanup'");
        }
        allNotes.add("the device stays registered in Microsoft Entra ID: to remove it there, run"
                + " 'sudo dsreg --unregister --tenant-id <id>'");
        return new CleanupPlan(steps, asRoot, allNotes);
    }

    /** Whether a file name is one phase 2 may remove from the key and certificate directories. */
    public static boolean isDeviceFileName(String name, List<String> prefixes) {
        return prefixes.stream().anyMatch(p -> name.startsWith(p) && name.length() > p.length())
                && !name.contains("/");
    }

}
