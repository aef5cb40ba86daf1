package org.dsreg.port.in;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.StagedIdentities;

/**
 * {@code --repair} (same key storage) or {@code --rekey} (the named key storage): a new identity for the tenant's
 * registration, with the same join type, device mode and display name.
 *
 * @param keyStorage the target storage: required for a rekey, empty for a repair (the registration's own)
 * @param force      replace it even when neither DRS nor the token service can say whether an administrator disabled
 *                   the device ({@code --force}); a device known to be disabled is never replaced
 */
public record ReplaceIdentityCommand(TenantId tenant, StagedIdentities.Purpose purpose, Optional<String> keyStorage,
                                     TokenSourceSpec tokenSource, boolean force) {
    public ReplaceIdentityCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(keyStorage, "keyStorage");
        Objects.requireNonNull(tokenSource, "tokenSource");
        if (purpose == StagedIdentities.Purpose.REKEY && keyStorage.isEmpty()) {
            throw DsregException.invalidArgument("a rekey needs the key storage to move to");
        }
        if (purpose == StagedIdentities.Purpose.REPAIR && keyStorage.isPresent()) {
            throw DsregException.invalidArgument("a repair keeps the key storage; a rekey names another");
        }
        if (tokenSource instanceof TokenSourceSpec.RefreshTokenFile) {
            throw DsregException.invalidArgument("a new join's DRS token comes from the broker, the device code"
                    + " sign-in or an access token file; a refresh token file is a PRT's first sign-in");
        }
    }

    /** Not forced. */
    public ReplaceIdentityCommand(TenantId tenant, StagedIdentities.Purpose purpose, Optional<String> keyStorage,
                                  TokenSourceSpec tokenSource) {
        this(tenant, purpose, keyStorage, tokenSource, false);
    }
}
