package org.dsreg.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a key lives: the name of the key-storage backend that holds it and the backend's alias
 * for it. The registration keeps only this reference, never key material, so any backend (files,
 * TPM, HSM, KMS) can hold the keys of a registration.
 */
public record KeyRef(String storage, String alias) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public KeyRef {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(alias, "alias");
        if (!NAME.matcher(storage).matches()) {
            throw DsregException.invalidArgument("'" + Guids.printable(storage) + "' is not a valid key storage name");
        }
        if (!ALIAS.matcher(alias).matches()) {
            // aliases become file names in some backends: no slashes, no leading dots
            throw DsregException.invalidArgument("'" + Guids.printable(alias) + "' is not a valid key alias");
        }
    }

    /** Whether the text is a valid alias (safe as a file name in any backend). */
    public static boolean isValidAlias(String alias) {
        return alias != null && ALIAS.matcher(alias).matches();
    }

    @Override
    public String toString() {
        return storage + ":" + alias;
    }
}
