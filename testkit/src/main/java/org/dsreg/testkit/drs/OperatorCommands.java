package org.dsreg.testkit.drs;

import java.util.List;
import java.util.Locale;

/**
 * The operator's commands {@link DrsEmulatorMain} reads on standard input while the emulator runs, one a line, each
 * answered by one line: what an administrator does in the Entra portal or an MDM does through Graph, mapped onto
 * {@link DeviceAdmin} for a script or a person at a terminal.
 *
 * <pre>
 * disable DEVICEID                                   Disable the device: DeviceAdmin#disable
 * enable DEVICEID                                    Enable it again: DeviceAdmin#enable
 * delete DEVICEID                                    Delete it: DeviceAdmin#delete
 * manage DEVICEID compliant|noncompliant|unmanaged   Managed by Intune and compliant, managed and not compliant,
 *                                                    or not managed by an MDM: DeviceAdmin#setManagement
 * </pre>
 *
 * <p>The answer is {@code ok <command as understood>} (e.g. {@code ok disable 1f0c…}) or {@code error <why>}: an
 * unknown command, a wrong number of words, an unknown state or a device the emulator does not have (never
 * registered, or deleted). Words are separated by blanks; command and state names are read in any case; a blank
 * line or one starting with {@code #} is no command and gets no answer. A refused command changes nothing.
 */
final class OperatorCommands {
    /** How the commands are written, for the error line of an unknown one. */
    static final String USAGE = "disable|enable|delete DEVICEID, manage DEVICEID compliant|noncompliant|unmanaged";

    private final DeviceAdmin admin;

    OperatorCommands(DeviceAdmin admin) {
        this.admin = admin;
    }

    /**
     * Carries out one line.
     *
     * @param line a line of standard input
     * @return its answer ({@code ok …} or {@code error …}), or {@code null} for a blank or comment line
     */
    String answer(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        List<String> words = List.of(trimmed.split("\\s+"));
        String command = words.get(0).toLowerCase(Locale.ROOT);
        try {
            switch (command) {
                case "disable" -> admin.disable(device(words, 2));
                case "enable" -> admin.enable(device(words, 2));
                case "delete" -> admin.delete(device(words, 2));
                case "manage" -> manage(device(words, 3), words.get(2).toLowerCase(Locale.ROOT));
                default -> {
                    return "error unknown command '" + words.get(0) + "' (commands: " + USAGE + ")";
                }
            }
        } catch (IllegalArgumentException e) {
            return "error " + e.getMessage();
        }
        return "ok " + command + " " + String.join(" ", words.subList(1, words.size())).toLowerCase(Locale.ROOT);
    }

    private void manage(String deviceId, String how) {
        ManagementState now = admin.management(deviceId);
        admin.setManagement(deviceId, switch (how) {
            case "compliant" -> now.managedByIntune(true, now.complianceExpiration());
            case "noncompliant" -> now.managedByIntune(false, now.complianceExpiration());
            case "unmanaged" -> now.unmanaged();
            default -> throw new IllegalArgumentException("manage needs compliant, noncompliant or unmanaged, not '"
                    + how + "'");
        });
    }

    /** The device id of a command of {@code count} words. */
    private static String device(List<String> words, int count) {
        if (words.size() != count) {
            throw new IllegalArgumentException(words.get(0) + " needs " + (count == 2 ? "DEVICEID"
                    : "DEVICEID compliant|noncompliant|unmanaged") + " (commands: " + USAGE + ")");
        }
        return words.get(1);
    }
}
