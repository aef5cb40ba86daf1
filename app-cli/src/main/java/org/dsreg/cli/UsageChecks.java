package org.dsreg.cli;

import org.dsreg.domain.DsregException;
import org.dsreg.domain.TenantId;

/**
 * The usage rules picocli's model cannot express, all here, checked before anything runs (each a usage error, exit
 * 1). Which options go with which action, and one action at most, are in the model ({@link Actions}); what is left
 * ties an action to an option that several actions share, or two shared options together:
 * <ol>
 * <li>{@code --json} and a {@code --format} other than {@code json} disagree;</li>
 * <li>{@code --join} and {@code --unregister} need {@code --tenant-id} (an option belongs to one group only, and
 *     the others take it too);</li>
 * <li>{@code --status}, {@code --diagnose}, {@code --getdrstoken}, {@code --unregister}, {@code --refreshprt} and
 *     {@code --gettoken} take the tenant as its id (a GUID), not a domain name as {@code --join} does
 *     ({@code --cleanup} and {@code --list-key-storages} do not read it); {@code --refreshprt} and
 *     {@code --gettoken} need it;</li>
 * <li>{@code --account} goes with {@code --getdrstoken}, {@code --refreshprt} and {@code --gettoken};
 *     {@code --token-source} with {@code --join}, {@code --refreshprt}, {@code --repair} and {@code --rekey};
 *     {@code --key-storage} with {@code --join} and {@code --rekey}, which needs it; {@code --force} with
 *     {@code --repair} and {@code --rekey} ({@link SignInOptions});</li>
 * <li>{@code --repair} and {@code --rekey} need the tenant id (a GUID).</li>
 * <li>{@code --graph-url} goes with {@code --diagnose}, not with {@code --status} alone, and is https
 *     ({@link StatusOptions#check}).</li>
 * </ol>
 * Option values are checked where they are read: by their converters ({@link OptionValues}), and
 * {@code --join-type} by {@link JoinOptions}.
 */
final class UsageChecks {
    private UsageChecks() {
    }

    static void check(ActionOptions action, String tenant, boolean json, DsregCommand.Format format,
                      SignInOptions signIn) {
        if (json && format != null && format != DsregCommand.Format.json) {
            throw DsregException.invalidArgument("--json and --format " + format + " disagree");
        }
        if (action instanceof StatusOptions status) {
            status.check();
        }
        boolean prt = action instanceof RefreshPrtOptions || action instanceof GetTokenOptions;
        if (signIn.account().isPresent() && !(prt || action instanceof DrsTokenOptions)) {
            throw DsregException.invalidArgument("--account goes with --getdrstoken, --refreshprt or --gettoken");
        }
        boolean replace = action instanceof RepairOptions || action instanceof RekeyOptions;
        if (signIn.tokenSource().isPresent() && !(action instanceof JoinOptions
                || action instanceof RefreshPrtOptions || replace)) {
            throw DsregException.invalidArgument("--token-source goes with --join, --refreshprt, --repair or --rekey");
        }
        if (signIn.keyStorage().isPresent() && !(action instanceof JoinOptions || action instanceof RekeyOptions)) {
            throw DsregException.invalidArgument("--key-storage goes with --join or --rekey");
        }
        if (signIn.force() && !replace) {
            throw DsregException.invalidArgument("--force goes with --repair or --rekey");
        }
        if (action instanceof RekeyOptions && signIn.keyStorage().isEmpty()) {
            throw DsregException.invalidArgument("--rekey needs --key-storage: the key storage to move to");
        }
        boolean unregister = action instanceof UnregisterOptions;
        if (tenant == null && (unregister || prt || replace || action instanceof JoinOptions)) {
            throw DsregException.invalidArgument(action.flag() + " needs --tenant-id");
        }
        boolean byId = unregister || prt || replace || action instanceof StatusOptions
                || action instanceof DrsTokenOptions;
        if (tenant != null && byId && !TenantId.looksLikeGuid(tenant)) {
            throw DsregException.invalidArgument(action.flag() + " needs the tenant id (a GUID), not '" + tenant + "'");
        }
    }
}
