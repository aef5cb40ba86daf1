package org.dsreg.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.KeyRef;
import org.dsreg.port.in.JoinDeviceCommand;
import org.dsreg.port.in.TokenSourceSpec;
import org.dsreg.port.out.KeyIntents;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The join's two keys are made at the same time, each recorded before it is made, and undone together. */
class TwoKeysTest {
    final JoinDeviceServiceTest fixture = new JoinDeviceServiceTest();
    final IntentRecordsTest.MemoryIntents intents = new IntentRecordsTest.MemoryIntents();
    final List<String> made = Collections.synchronizedList(new ArrayList<>());
    final KeyRef device = new KeyRef("memory", "device-1");
    final KeyRef transport = new KeyRef("memory", "transport-1");

    /** The fixture's memory keys, with a look at each generation as it starts (the look may wait or throw). */
    KeyStorages storages(Consumer<String> beforeGenerate) {
        return new KeyStorages() {
            @Override public Optional<KeyStorage> find(String name) {
                return Optional.of(new IntentRecordsTest.DelegatingKeys(fixture.keys, beforeGenerate));
            }
            @Override public Set<String> names() { return Set.of("memory"); }
            @Override public List<Backend> backends() { return List.of(); }
        };
    }

    KeyStorage recorded(Consumer<String> beforeGenerate) {
        return new IntentRecords(intents, storages(beforeGenerate), fixture.store).keyStorages().find("memory")
                .orElseThrow();
    }

    @Test
    void bothKeysAreMadeAtTheSameTimeEachRecordedBeforeItIsMadeTheDeviceKeyFirst() {
        CyclicBarrier both = new CyclicBarrier(2);
        List<KeyRef> recordedWhenMade = Collections.synchronizedList(new ArrayList<>());
        KeyStorage storage = recorded(alias -> {
            intents.pending().stream().flatMap(i -> i.keys().stream()).filter(k -> k.alias().equals(alias))
                    .forEach(recordedWhenMade::add);
            try { // one key waits here for the other: made one after the other, they never meet
                both.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new AssertionError("the two keys were not being made at the same time", e);
            }
        });
        List<KeyRef> created = new ArrayList<>();

        TwoKeys.Made keys = TwoKeys.generate(storage, device, transport, created);

        assertEquals(List.of(device, transport), created, "both made, the device key first");
        assertEquals(fixture.keys.publicKey("device-1").orElseThrow(), keys.device());
        assertEquals(fixture.keys.publicKey("transport-1").orElseThrow(), keys.transport());
        assertEquals(Set.of(device, transport), Set.copyOf(recordedWhenMade), "each recorded before it is made");
        assertEquals(List.of(List.of(device), List.of(transport)),
                intents.pending().stream().map(KeyIntents.Intent::keys).toList(), "recorded in this order");
    }

    @Test
    void aStorageThatRecordsNothingMakesBothKeysToo() {
        List<KeyRef> created = new ArrayList<>();
        TwoKeys.Made keys = TwoKeys.generate(fixture.keys, device, transport, created);
        assertEquals(List.of(device, transport), created);
        assertEquals(fixture.keys.publicKey("transport-1"), Optional.of(keys.transport()));
    }

    enum Failing { DEVICE, TRANSPORT, BOTH }

    @ParameterizedTest
    @EnumSource(Failing.class)
    void aFailureOfEitherKeyFailsTheJoinWithTheDeviceKeysFailureFirstAndLeavesNoKeyNorRecord(Failing failing) {
        KeyStorage storage = recorded(alias -> {
            made.add(alias);
            if (failing != Failing.TRANSPORT && alias.startsWith("device-")
                    || failing != Failing.DEVICE && alias.startsWith("transport-")) {
                throw new KeyStorageException("no room for " + alias);
            }
        });
        List<KeyRef> created = new ArrayList<>();
        KeyStorageException e = assertThrows(KeyStorageException.class,
                () -> TwoKeys.generate(storage, device, transport, created));
        assertEquals("no room for " + (failing == Failing.TRANSPORT ? "transport-1" : "device-1"), e.getMessage());
        assertEquals(Set.of("device-1", "transport-1"), Set.copyOf(made), "the other key is still made");
        assertEquals(failing == Failing.BOTH ? List.of() : List.of(failing == Failing.DEVICE ? transport : device),
                created, "what the caller removes");
    }

    /** Throws {@code e} though it is checked: what a storage written in another JVM language can do. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> void sneaky(Throwable e) throws E {
        throw (E) e;
    }

    @ParameterizedTest
    @EnumSource(Failing.class)
    void anUndeclaredCheckedExceptionOfEitherKeyIsAKeyStorageErrorAndTheOtherKeyIsStillKept(Failing failing) {
        KeyStorage storage = recorded(alias -> {
            made.add(alias);
            if (failing != Failing.TRANSPORT && alias.startsWith("device-")
                    || failing != Failing.DEVICE && alias.startsWith("transport-")) {
                TwoKeysTest.<RuntimeException>sneaky(new java.io.IOException("disk gone for " + alias));
            }
        });
        List<KeyRef> created = new ArrayList<>();
        KeyStorageException e = assertThrows(KeyStorageException.class,
                () -> TwoKeys.generate(storage, device, transport, created));
        String first = failing == Failing.TRANSPORT ? "transport-1" : "device-1";
        assertEquals("the key storage failed: disk gone for " + first, e.getMessage());
        assertEquals(failing == Failing.BOTH ? 1 : 0, e.getCause().getSuppressed().length, "a second failure is kept");
        assertEquals(failing == Failing.BOTH ? List.of() : List.of(failing == Failing.DEVICE ? transport : device),
                created, "the key made is the caller's to remove");
    }

    @ParameterizedTest
    @EnumSource(value = JoinDeviceServiceTest.Step.class, names = {"KEY_DEVICE", "KEY_TRANSPORT", "CSR"})
    void aJoinWhoseKeyFailsRemovesTheOtherKeyAndEveryRecord(JoinDeviceServiceTest.Step step) {
        fixture.failAt = step;
        JoinDeviceService service = fixture.service(new IntentRecords(intents, storages(made::add), fixture.store)
                .keyStorages());
        JoinDeviceCommand command = new JoinDeviceCommand("contoso.example", org.dsreg.domain.JoinType.JOINED,
                Optional.empty(), new TokenSourceSpec.File(Path.of("t")), "memory");
        DsregException e = assertThrows(DsregException.class, () -> service.join(command, p -> { }));
        assertTrue(e.getMessage().startsWith(step == JoinDeviceServiceTest.Step.CSR ? "cannot sign" : "no room for "),
                e.getMessage());
        assertEquals(2, made.size(), "both keys were asked for");
        assertEquals(Set.of(), fixture.keys.pairs.keySet(), "neither key is left");
        assertEquals(List.of(), intents.pending(), "nor any record");
    }
}
