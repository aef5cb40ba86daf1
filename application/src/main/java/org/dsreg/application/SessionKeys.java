package org.dsreg.application;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.SessionKeyRef;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;

/**
 * Where a new PRT's session key goes: into the device key's backend when it keeps session keys (the TPM: a
 * keyed-hash object; the software backend: a 0600 file), else into the PRT's own 0600 file.
 */
final class SessionKeys {
    private SessionKeys() {
    }

    /** A session key put away, and how it is protected as status words it. */
    record Kept(SessionKeyRef ref, String protection) {
    }

    static Kept keep(KeyStorages storages, KeyStorage storage, byte[] sessionKey, Supplier<UUID> ids) {
        Set<KeyStorageCapability> can = storages.capabilities(storage.name());
        if (!can.contains(KeyStorageCapability.SESSION_KEY_HMAC)) {
            return new Kept(new SessionKeyRef.Inline(sessionKey), "software");
        }
        String alias = "prt-" + ids.get();
        storage.importSessionKey(alias, sessionKey);
        return new Kept(new SessionKeyRef.InStorage(storage.name(), alias),
                can.contains(KeyStorageCapability.HARDWARE_BACKED) ? storage.name().toUpperCase(Locale.ROOT)
                        : "software");
    }
}
