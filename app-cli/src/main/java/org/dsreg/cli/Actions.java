package org.dsreg.cli;

import picocli.CommandLine.ArgGroup;

/**
 * The actions, one at most (picocli refuses a second, and an action's option without its action): each a group of
 * its flag and the options that go with it only. {@code --status} and {@code --diagnose} are one group, so they go
 * together. Options every action may take are the command's own, outside these groups.
 */
final class Actions {
    @ArgGroup(exclusive = false, multiplicity = "1", order = 1,
            heading = "%nStatus (the default action; --diagnose includes it):%n")
    StatusOptions status;

    @ArgGroup(exclusive = false, multiplicity = "1", order = 2, heading = "%nA DRS access token:%n")
    DrsTokenOptions drsToken;

    @ArgGroup(exclusive = false, multiplicity = "1", order = 3, heading = "%nJoin or register:%n")
    JoinOptions join;

    @ArgGroup(exclusive = false, multiplicity = "1", order = 4, heading = "%nUnregister:%n")
    UnregisterOptions unregister;

    @ArgGroup(exclusive = false, multiplicity = "1", order = 5, heading = "%nClean up local state:%n")
    CleanupOptions cleanup;

    @ArgGroup(exclusive = false, multiplicity = "1", order = 6, heading = "%nKey storages:%n")
    ListKeyStoragesOptions listKeyStorages;

    @ArgGroup(exclusive = false, multiplicity = "1", order = 7, heading = "%nPrimary Refresh Token:%n")
    RefreshPrtOptions refreshPrt;

    @ArgGroup(exclusive = false, multiplicity = "1", order = 8, heading = "%nAn access token through the PRT:%n")
    GetTokenOptions getToken;

    @ArgGroup(exclusive = false, multiplicity = "1", order = 9, heading = "%nRepair a registration:%n")
    RepairOptions repair;

    @ArgGroup(exclusive = false, multiplicity = "1", order = 10, heading = "%nMove a registration's keys:%n")
    RekeyOptions rekey;

    /** The action chosen; the status when none is (picocli creates only the matched group). */
    static ActionOptions chosen(Actions actions) {
        if (actions == null) {
            return new StatusOptions();
        }
        ActionOptions[] all = {actions.drsToken, actions.join, actions.unregister, actions.cleanup,
            actions.listKeyStorages, actions.refreshPrt, actions.getToken, actions.repair, actions.rekey};
        for (ActionOptions a : all) {
            if (a != null) {
                return a;
            }
        }
        return actions.status == null ? new StatusOptions() : actions.status;
    }
}
