package org.dsreg.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The two options several actions share for whose credential they use: {@code --account} (with
 * {@code --getdrstoken}, {@code --refreshprt}, {@code --gettoken}) and {@code --token-source} (with {@code --join}
 * and {@code --refreshprt}), with where keys go ({@code --key-storage}) and {@code --force} (with {@code --repair}
 * and {@code --rekey}). An option belongs to one picocli group only, so these are the command's own and
 * {@link UsageChecks} ties them to their actions.
 */
final class SignInOptions {
    @Option(names = "--account", paramLabel = "UPN",
            description = "With --getdrstoken: the broker account to use when it holds several. With --refreshprt and"
                    + " --gettoken: the Entra account (UPN or object id) whose PRT to use; a first sign-in as"
                    + " another account is refused.")
    String account;

    @Option(names = "--token-source", paramLabel = "SOURCE",
            description = "With --join: where the DRS token comes from: device-code (default), broker, or file:PATH."
                    + " With --refreshprt: the first sign-in's credential: device-code (default) or"
                    + " refresh-token:PATH (a refresh token for the broker client, in a file only its owner reads)."
                    + " With --repair and --rekey: the new join's DRS token, as for --join.")
    String tokenSource;

    @Option(names = "--key-storage", paramLabel = "NAME",
            description = "With --join: where the device keys are kept: software (default), tpm, or another backend"
                    + " (see --list-key-storages). With --rekey: the key storage to move to.")
    String keyStorage;

    @Option(names = "--force",
            description = "With --repair and --rekey: replace the identity even when neither DRS nor the token service"
                    + " (through a PRT dsreg holds) can say whether an administrator disabled the device, as when its"
                    + " key is gone. A device known to be disabled is never replaced.")
    boolean force;

    boolean force() {
        return force;
    }

    Optional<String> keyStorage() {
        return Optional.ofNullable(keyStorage);
    }

    Optional<String> account() {
        return Optional.ofNullable(account);
    }

    Optional<String> tokenSource() {
        return Optional.ofNullable(tokenSource);
    }
}
