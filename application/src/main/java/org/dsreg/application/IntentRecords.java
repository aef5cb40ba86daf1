package org.dsreg.application;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.KeyProtection;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.KeyIntents;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StateLock;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.dsreg.spi.keystorage.SignatureScheme;

/**
 * Intent records around every key dsreg creates, whoever creates it: the key storages, the
 * registration store and the state lock, each wrapped. A key is recorded before it is generated,
 * and before the registration that references it is deleted; the record goes when a saved
 * registration references the key, or when the key is deleted.
 * Whoever takes the state lock next removes the keys of records left behind (a crash, a kill -9)
 * that no registration references, then the records.
 */
public final class IntentRecords {
    private final KeyIntents intents;
    private final KeyStorages storages;
    private final RegistrationStore store;
    private final Supplier<List<KeyRef>> alsoReferenced;

    public IntentRecords(KeyIntents intents, KeyStorages storages, RegistrationStore store) {
        this(intents, storages, store, List::of);
    }

    /** With keys referenced besides the registrations' ({@link IdentityRecovery#referencedKeys}). */
    public IntentRecords(KeyIntents intents, KeyStorages storages, RegistrationStore store,
                         Supplier<List<KeyRef>> alsoReferenced) {
        this.intents = intents;
        this.storages = storages;
        this.store = store;
        this.alsoReferenced = alsoReferenced;
    }

    /** Key storages whose {@code generate} is recorded first. */
    public KeyStorages keyStorages() {
        return new KeyStorages() {
            @Override
            public Optional<KeyStorage> find(String name) {
                return storages.find(name).map(Recorded::new);
            }

            @Override
            public Set<String> names() {
                return storages.names();
            }

            @Override
            public List<Backend> backends() {
                return storages.backends();
            }

            @Override
            public Set<KeyStorageCapability> capabilities(String name) {
                return storages.capabilities(name);
            }
        };
    }

    /** The registration store, whose {@code save} completes the records of the registration's keys. */
    public RegistrationStore registrationStore() {
        return new RegistrationStore() {
            @Override
            public List<Registration> list() {
                return store.list();
            }

            @Override
            public List<org.dsreg.domain.CorruptRegistration> corrupt() {
                return store.corrupt();
            }

            @Override
            public Contents contents() {
                return store.contents();
            }

            @Override
            public Optional<Registration> find(TenantId tenant) {
                return store.find(tenant);
            }

            @Override
            public void save(Registration registration) {
                store.save(registration);
                try {
                    completeFor(keysOf(registration));
                } catch (DsregException e) {
                    // saved: the registration owns its keys now, and a failing caller would delete them;
                    // the record stays, and the next locked run completes it (its keys are referenced)
                }
            }

            /**
             * Records the registration's keys as to be removed before the registration goes, so that a
             * crash between the two leaves a record, not keys nothing names.
             */
            @Override
            public boolean delete(TenantId tenant) {
                store.find(tenant).ifPresent(r -> keysOf(r).forEach(k ->
                        intents.record("removal of " + k.storage() + ":" + k.alias(), List.of(k))));
                return store.delete(tenant);
            }
        };
    }

    /** The state lock, which removes what interrupted creations left once it is held. */
    public StateLock stateLock(StateLock lock) {
        return lock.then(this::recover);
    }

    /** Removes the unreferenced keys of every record left behind, then the record; the keys removed. */
    public List<KeyRef> recover() {
        List<KeyIntents.Intent> pending = intents.pending();
        if (pending.isEmpty()) {
            return List.of();
        }
        RegistrationStore.Contents stored = store.contents();
        if (!stored.corrupt().isEmpty()) {
            return List.of(); // a corrupt registration may reference any key: nothing is removed while one is there
        }
        Set<KeyRef> referenced = new HashSet<>();
        stored.registrations().forEach(r -> referenced.addAll(keysOf(r)));
        referenced.addAll(alsoReferenced.get()); // a replacement under way names both identities' keys
        List<KeyRef> removed = new ArrayList<>();
        for (KeyIntents.Intent intent : pending) {
            if (intent.keys().isEmpty()) {
                continue; // an unreadable record: it may name any key, so it stays (status shows it)
            }
            boolean done = true;
            for (KeyRef key : intent.keys()) {
                if (!referenced.contains(key)) {
                    try {
                        Optional<KeyStorage> storage = storages.find(key.storage());
                        if (storage.isEmpty()) {
                            done = false; // its backend is not here (now): the record keeps naming the key
                        } else if (storage.get().delete(key.alias())) {
                            removed.add(key);
                        }
                    } catch (DsregException e) {
                        done = false; // a TPM that is not there today: tried again by the next locked run
                    }
                }
            }
            if (done) {
                intents.complete(intent);
            }
        }
        return removed;
    }

    /** The keys of records left behind by creations that never completed (what status reports). */
    public List<KeyIntents.Intent> leftovers() {
        return intents.pending();
    }

    private void completeFor(List<KeyRef> keys) {
        for (KeyIntents.Intent intent : intents.pending()) {
            if (keys.containsAll(intent.keys())) {
                intents.complete(intent);
            }
        }
    }

    private static List<KeyRef> keysOf(Registration r) {
        List<KeyRef> keys = new ArrayList<>();
        keys.add(r.deviceKey());
        r.transportKey().ifPresent(keys::add);
        return keys;
    }

    /** A storage whose new keys are recorded before they exist, and whose deleted keys leave no record. */
    private final class Recorded implements KeyStorage, StagedKeys {
        private final KeyStorage delegate;

        Recorded(KeyStorage delegate) {
            this.delegate = delegate;
        }

        @Override
        public PublicKey generate(String alias) {
            return stage(alias).get();
        }

        @Override
        public Supplier<PublicKey> stage(String alias) {
            KeyRef ref = new KeyRef(delegate.name(), alias);
            KeyIntents.Intent intent = intents.record("key " + ref.storage() + ":" + alias, List.of(ref));
            return () -> {
                try {
                    return delegate.generate(alias);
                } catch (DsregException e) {
                    try {
                        if (delegate.publicKey(alias).isEmpty()) {
                            intents.complete(intent); // nothing was made
                        }
                    } catch (DsregException unreadable) {
                        // something was left half made: the record stays, and the next locked run removes it
                    }
                    throw e;
                }
            };
        }

        @Override
        public boolean delete(String alias) {
            boolean deleted = delegate.delete(alias);
            completeFor(List.of(new KeyRef(delegate.name(), alias)));
            return deleted;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public KeyProtection protection() {
            return delegate.protection();
        }

        @Override
        public Optional<PublicKey> publicKey(String alias) {
            return delegate.publicKey(alias);
        }

        @Override
        public byte[] sign(String alias, SignatureScheme scheme, byte[] data) {
            return delegate.sign(alias, scheme, data);
        }

        @Override
        public byte[] decrypt(String alias, byte[] ciphertext) {
            return delegate.decrypt(alias, ciphertext);
        }

        @Override
        public List<String> aliases() {
            return delegate.aliases();
        }

        @Override
        public void importSessionKey(String alias, byte[] sessionKey) {
            delegate.importSessionKey(alias, sessionKey);
        }

        @Override
        public byte[] sessionKeyHmac(String alias, byte[] message) {
            return delegate.sessionKeyHmac(alias, message);
        }

        @Override
        public boolean deleteSessionKey(String alias) {
            return delegate.deleteSessionKey(alias);
        }

        @Override
        public List<String> sessionKeyAliases() {
            return delegate.sessionKeyAliases();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
