package org.dsreg.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import org.dsreg.domain.TenantId;

/**
 * What an action gets besides its own options: the process's streams, terminal and environment, and the values of
 * the options every action shares.
 *
 * @param format the output format: {@code json} with {@code --json}, else {@code --format}'s, else {@code text}
 * @param tenant {@code --tenant-id} as given (a GUID or, for {@code --join}, a domain name), or {@code null}
 * @param signIn {@code --account} and {@code --token-source}
 */
record Invocation(PrintWriter out, PrintWriter err, BufferedReader in, boolean terminal, Map<String, String> env,
                  Style style, DsregCommand.Format format, String tenant, SignInOptions signIn) {
    /** JSON output, asked for by {@code --json} or {@code --format json} (the same, for every action). */
    boolean json() {
        return format == DsregCommand.Format.json;
    }

    Optional<String> account() {
        return signIn.account();
    }

    Optional<String> keyStorage() {
        return signIn.keyStorage();
    }

    /** {@code --force}: with --repair and --rekey. */
    boolean force() {
        return signIn.force();
    }

    Optional<String> tokenSource() {
        return signIn.tokenSource();
    }

    /** The tenant as a GUID; {@link UsageChecks} has refused a domain name for the actions that ask for this. */
    Optional<TenantId> tenantGuid() {
        return Optional.ofNullable(tenant).map(TenantId::parse);
    }
}
