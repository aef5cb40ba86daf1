package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.port.out.KeyIntents;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.StateLock;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.junit.jupiter.api.Test;

/** Intent records: written before a key exists, gone once a registration owns it, recovered under the lock. */
class IntentRecordsTest {
    final MemoryIntents intents = new MemoryIntents();
    final JoinDeviceServiceTest fixture = new JoinDeviceServiceTest();
    final JoinDeviceServiceTest.MemoryKeys keys = fixture.keys;
    final JoinDeviceServiceTest.InMemoryStore store = new JoinDeviceServiceTest.InMemoryStore();
    final IntentRecords records = new IntentRecords(intents, storages(), store);

    static final class MemoryIntents implements KeyIntents {
        final Map<String, Intent> records = new LinkedHashMap<>();
        int made;
        boolean failComplete;

        @Override public synchronized Intent record(String purpose, List<KeyRef> keys) {
            Intent i = new Intent("i" + (++made), purpose, Instant.EPOCH.plusSeconds(made), keys);
            records.put(i.id(), i);
            return i;
        }
        @Override public synchronized void complete(Intent intent) {
            if (failComplete) {
                throw new DsregException(ErrorKind.QUERY_FAILED, "cannot use intents/: input/output error");
            }
            records.remove(intent.id());
        }
        @Override public synchronized List<Intent> pending() { return List.copyOf(records.values()); }
    }

    KeyStorages storages() {
        return new KeyStorages() {
            @Override public Optional<KeyStorage> find(String name) {
                return "memory".equals(name) ? Optional.of(keys) : Optional.empty();
            }
            @Override public Set<String> names() { return Set.of("memory"); }
            @Override public List<Backend> backends() { return List.of(); }
        };
    }

    KeyStorage recorded() {
        return records.keyStorages().find("memory").orElseThrow();
    }

    @Test
    void aKeyIsRecordedBeforeItIsMadeAndTheRecordStaysUntilARegistrationOwnsIt() {
        KeyStorage storage = recorded();
        storage.generate("device-1");
        assertEquals(List.of(new KeyRef("memory", "device-1")), intents.pending().get(0).keys());
        assertTrue(keys.pairs.containsKey("device-1"));
        Registration r = fixture.anotherTenantsRegistration();
        Registration owning = new Registration(r.tenantId(), r.deviceId(), r.joinType(), r.deviceMode(),
                r.certificate(),
                new KeyRef("memory", "device-1"), Optional.empty(), r.tenantDetails(), r.registeredAt(), r.source());
        records.registrationStore().save(owning);
        assertEquals(List.of(), intents.pending(), "the registration owns the key now");
        assertEquals(List.of(), records.recover());
        assertTrue(keys.pairs.containsKey("device-1"));
    }

    @Test
    void theRecordIsWrittenBeforeTheStorageIsAsked() {
        List<Integer> seen = new ArrayList<>();
        KeyStorage watching = new IntentRecords(intents, new KeyStorages() {
            @Override public Optional<KeyStorage> find(String name) {
                return Optional.of(new JoinDeviceServiceTest().keys).map(k -> new DelegatingKeys(k, () ->
                        seen.add(intents.pending().size())));
            }
            @Override public Set<String> names() { return Set.of("memory"); }
            @Override public List<Backend> backends() { return List.of(); }
        }, store).keyStorages().find("memory").orElseThrow();
        watching.generate("device-1");
        assertEquals(List.of(1), seen);
    }

    @Test
    void aKeyDeletedAgainLeavesNoRecordAndAFailedGenerationNone() {
        KeyStorage storage = recorded();
        storage.generate("device-1");
        assertTrue(storage.delete("device-1"));
        assertEquals(List.of(), intents.pending());
        fixture.failAt = JoinDeviceServiceTest.Step.KEY_DEVICE;
        assertThrows(KeyStorageException.class, () -> storage.generate("device-2"));
        assertEquals(List.of(), intents.pending(), "nothing was made, so nothing is left to recover");
    }

    @Test
    void recoveryRemovesTheUnreferencedKeysOfAnInterruptedCreationAndItsRecord() {
        keys.generate("kept");
        intents.record("key memory:device-1", List.of(new KeyRef("memory", "device-1")));
        keys.generate("device-1"); // made, then the process died before a registration owned it
        Registration r = fixture.anotherTenantsRegistration();
        store.save(new Registration(r.tenantId(), r.deviceId(), r.joinType(), r.deviceMode(),
                r.certificate(),
                new KeyRef("memory", "kept"), Optional.empty(), r.tenantDetails(), r.registeredAt(), r.source()));
        intents.record("key memory:kept", List.of(new KeyRef("memory", "kept")));
        assertEquals(List.of(new KeyRef("memory", "device-1")), records.recover());
        assertEquals(List.of("kept"), keys.aliases(), "a key a registration references is never removed");
        assertEquals(List.of(), intents.pending());
    }

    @Test
    void theStateLockRecoversOnceHeldAndReleasesWhenRecoveryFails() {
        intents.record("key memory:device-1", List.of(new KeyRef("memory", "device-1")));
        keys.generate("device-1");
        int[] released = {0};
        StateLock lock = records.stateLock(() -> () -> released[0]++);
        try (StateLock.Held held = lock.acquire()) {
            assertEquals(List.of(), keys.aliases());
        }
        assertEquals(1, released[0]);
        JoinDeviceServiceTest.InMemoryStore broken = new JoinDeviceServiceTest.InMemoryStore();
        broken.failList = true;
        intents.record("key memory:x", List.of(new KeyRef("memory", "x")));
        StateLock failing = new IntentRecords(intents, storages(), broken).stateLock(() -> () -> released[0]++);
        assertThrows(DsregException.class, failing::acquire);
        assertEquals(2, released[0], "the lock is released when recovery fails");
    }

    @Test
    void aDeletedRegistrationsKeysAreRecordedFirstSoACrashBeforeTheyGoLeavesARecord() {
        keys.generate("kept");
        Registration r = fixture.anotherTenantsRegistration();
        Registration owning = new Registration(r.tenantId(), r.deviceId(), r.joinType(), r.deviceMode(),
                r.certificate(),
                new KeyRef("memory", "kept"), Optional.empty(), r.tenantDetails(), r.registeredAt(), r.source());
        store.save(owning);
        records.registrationStore().delete(r.tenantId()); // ... and the process dies here
        assertEquals(List.of(new KeyRef("memory", "kept")), intents.pending().get(0).keys());
        assertEquals(List.of(new KeyRef("memory", "kept")), records.recover());
        assertEquals(List.of(), keys.aliases());
        store.save(owning);
        keys.generate("kept");
        records.registrationStore().delete(r.tenantId());
        recorded().delete("kept"); // the unregister went through
        assertEquals(List.of(), intents.pending());
    }

    @Test
    void aSavedRegistrationStaysSavedWhenItsRecordsCannotBeCompleted() {
        recorded().generate("device-1");
        intents.failComplete = true;
        Registration r = fixture.anotherTenantsRegistration();
        Registration owning = new Registration(r.tenantId(), r.deviceId(), r.joinType(), r.deviceMode(),
                r.certificate(),
                new KeyRef("memory", "device-1"), Optional.empty(), r.tenantDetails(), r.registeredAt(), r.source());
        records.registrationStore().save(owning); // no exception: the caller must not roll the keys back
        assertTrue(store.saved.containsKey(r.tenantId()));
        intents.failComplete = false;
        assertEquals(List.of(), records.recover(), "the record's key is referenced: kept");
        assertEquals(List.of(), intents.pending());
        assertTrue(keys.pairs.containsKey("device-1"));
    }

    @Test
    void aRecordWhoseStorageIsMissingOrFailingOrThatIsUnreadableStaysAndBlocksNothing() {
        intents.record("key tpm:device-9", List.of(new KeyRef("tpm", "device-9")));
        intents.record("unreadable: garbage", List.of());
        intents.record("key memory:device-1", List.of(new KeyRef("memory", "device-1")));
        keys.generate("device-1");
        assertEquals(List.of(new KeyRef("memory", "device-1")), records.recover());
        assertEquals(List.of("key tpm:device-9", "unreadable: garbage"),
                intents.pending().stream().map(KeyIntents.Intent::purpose).toList());
        IntentRecords failing = new IntentRecords(intents, new KeyStorages() {
            @Override public Optional<KeyStorage> find(String name) {
                throw new KeyStorageException("no TPM here: /dev/tpmrm0 does not exist");
            }
            @Override public Set<String> names() { return Set.of("tpm"); }
            @Override public List<Backend> backends() { return List.of(); }
        }, store);
        assertEquals(List.of(), failing.recover(), "a backend that cannot open today blocks no run");
        assertEquals(2, intents.pending().size());
    }

    /** A storage that runs a check when generate is called, before it generates. */
    static final class DelegatingKeys implements KeyStorage {
        final KeyStorage d;
        final java.util.function.Consumer<String> onGenerate; // sees the alias first; may wait or throw

        DelegatingKeys(KeyStorage d, Runnable onGenerate) {
            this(d, alias -> onGenerate.run());
        }

        DelegatingKeys(KeyStorage d, java.util.function.Consumer<String> onGenerate) {
            this.d = d;
            this.onGenerate = onGenerate;
        }

        @Override public String name() { return d.name(); }
        @Override public org.dsreg.domain.KeyProtection protection() { return d.protection(); }
        @Override public Optional<java.security.PublicKey> publicKey(String a) { return d.publicKey(a); }
        @Override public java.security.PublicKey generate(String a) { onGenerate.accept(a); return d.generate(a); }
        @Override public byte[] sign(String a, org.dsreg.spi.keystorage.SignatureScheme s, byte[] b) { return d.sign(a, s, b); }
        @Override public byte[] decrypt(String a, byte[] c) { return d.decrypt(a, c); }
        @Override public boolean delete(String a) { return d.delete(a); }
        @Override public List<String> aliases() { return d.aliases(); }
    }

    @Test
    void theRecordingStorageHandsOnEveryMethodOfTheSpi() throws Exception {
        // a default method left to the interface would silently refuse what the backend can do (session keys)
        Class<?> recorded = java.util.Arrays.stream(IntentRecords.class.getDeclaredClasses())
                .filter(c -> c.getSimpleName().equals("Recorded")).findFirst().orElseThrow();
        for (java.lang.reflect.Method m : org.dsreg.spi.keystorage.KeyStorage.class.getMethods()) {
            if (!java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                recorded.getDeclaredMethod(m.getName(), m.getParameterTypes()); // throws when not overridden
            }
        }
    }
}
