package org.dsreg.testkit.keystorage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.junit.jupiter.api.Test;

/**
 * The part of the key-storage contract about PRT session keys ({@link KeyStorageCapability#SESSION_KEY_HMAC}):
 * a backend that declares the capability keeps 32-byte keys under aliases of their own and computes
 * HMAC-SHA256 with them exactly as the JDK does; one that does not refuses every session-key operation. Run
 * through {@link KeyStorageContract}, which extends this class; the tests are gated on the capability, never
 * on a backend's name.
 */
public abstract class SessionKeyContract extends KeyStorageFixture {
    /** The messages HMACs are checked on: empty, the size of a KDF input (67 bytes), and 1000 bytes. */
    private static final List<byte[]> MESSAGES = List.of(new byte[0], kdfInput(), pattern(1000));

    private final SecureRandom random = new SecureRandom();

    private boolean keepsSessionKeys() {
        return declares(KeyStorageCapability.SESSION_KEY_HMAC);
    }

    @Test
    void anImportedSessionKeyHmacsAsTheJdkDoes() throws GeneralSecurityException {
        assumeTrue(keepsSessionKeys(), "the backend does not declare SESSION_KEY_HMAC");
        byte[] key = newKey();
        byte[] given = key.clone();
        storage.importSessionKey("prt-1", given);
        Arrays.fill(given, (byte) 0); // as the caller does: the backend must hold its own copy (or none)
        for (byte[] message : MESSAGES) {
            assertArrayEquals(jdkHmac(key, message), storage.sessionKeyHmac("prt-1", message),
                    "HMAC-SHA256 of " + message.length + " bytes");
        }
        assertFalse(Arrays.equals(storage.sessionKeyHmac("prt-1", MESSAGES.get(1)),
                storage.sessionKeyHmac("prt-1", MESSAGES.get(2))), "an HMAC is of its message");
    }

    @Test
    void sessionKeysSurviveARestart() throws GeneralSecurityException {
        assumeTrue(keepsSessionKeys(), "the backend does not declare SESSION_KEY_HMAC");
        byte[] key = newKey();
        storage.importSessionKey("prt-1", key.clone());
        KeyStorage again = restart();
        assertEquals(List.of("prt-1"), again.sessionKeyAliases());
        assertArrayEquals(jdkHmac(key, MESSAGES.get(1)), again.sessionKeyHmac("prt-1", MESSAGES.get(1)));
    }

    @Test
    void anExistingSessionKeyAliasIsNeverReplaced() throws GeneralSecurityException {
        assumeTrue(keepsSessionKeys(), "the backend does not declare SESSION_KEY_HMAC");
        byte[] first = newKey();
        storage.importSessionKey("prt-1", first.clone());
        assertThrows(KeyStorageException.class, () -> storage.importSessionKey("prt-1", newKey()));
        assertArrayEquals(jdkHmac(first, MESSAGES.get(1)), storage.sessionKeyHmac("prt-1", MESSAGES.get(1)),
                "the first key is kept");
    }

    @Test
    void aSessionKeyOfAnyLengthButThirtyTwoBytesIsRefused() {
        assumeTrue(keepsSessionKeys(), "the backend does not declare SESSION_KEY_HMAC");
        for (int length : new int[] {0, 16, 31, 33, 64}) {
            KeyStorageException e = assertThrows(KeyStorageException.class,
                    () -> storage.importSessionKey("prt-1", new byte[length]), length + " bytes");
            assertTrue(e.getMessage().contains("32"), "the message says what is expected: " + e.getMessage());
        }
        assertEquals(List.of(), storage.sessionKeyAliases(), "nothing is kept");
    }

    @Test
    void anUnknownOrInvalidSessionKeyAliasIsRefused() throws IOException {
        assumeTrue(keepsSessionKeys(), "the backend does not declare SESSION_KEY_HMAC");
        KeyStorageException e = assertThrows(KeyStorageException.class,
                () -> storage.sessionKeyHmac("nothing", MESSAGES.get(1)));
        assertTrue(e.getMessage().contains("nothing"), "the message names the alias: " + e.getMessage());
        assertFalse(storage.deleteSessionKey("nothing"));
        assertThrows(KeyStorageException.class, () -> storage.importSessionKey("../escape", newKey()));
        try (Stream<Path> walk = Files.walk(stateDir)) {
            assertEquals(List.of(), walk.filter(Files::isRegularFile).filter(f -> !f.startsWith(context.directory()))
                    .toList(), "nothing is written outside the backend's directory");
        }
        assertEquals(List.of(), storage.sessionKeyAliases());
    }

    @Test
    void deleteRemovesTheSessionKeyOnce() {
        assumeTrue(keepsSessionKeys(), "the backend does not declare SESSION_KEY_HMAC");
        storage.importSessionKey("prt-1", newKey());
        storage.importSessionKey("prt-2", newKey());
        assertTrue(storage.deleteSessionKey("prt-1"));
        assertFalse(storage.deleteSessionKey("prt-1"));
        assertThrows(KeyStorageException.class, () -> storage.sessionKeyHmac("prt-1", MESSAGES.get(1)));
        assertEquals(List.of("prt-2"), restart().sessionKeyAliases());
        storage.importSessionKey("prt-1", newKey()); // the alias is free again
        assertEquals(List.of("prt-1", "prt-2"), storage.sessionKeyAliases());
    }

    @Test
    void sessionKeyAliasesAreSortedAndApartFromKeyAliases() throws GeneralSecurityException {
        assumeTrue(keepsSessionKeys(), "the backend does not declare SESSION_KEY_HMAC");
        assertEquals(List.of(), storage.sessionKeyAliases());
        storage.generate("device-1");
        storage.generate("shared");
        storage.importSessionKey("prt-b", newKey());
        byte[] shared = newKey();
        storage.importSessionKey("shared", shared.clone());
        storage.importSessionKey("prt-a", newKey());
        assertEquals(List.of("prt-a", "prt-b", "shared"), storage.sessionKeyAliases());
        assertEquals(List.of("device-1", "shared"), storage.aliases());
        assertTrue(storage.delete("shared"));
        assertArrayEquals(jdkHmac(shared, MESSAGES.get(1)), storage.sessionKeyHmac("shared", MESSAGES.get(1)),
                "deleting a key leaves the session key of the same alias");
        assertTrue(storage.deleteSessionKey("shared"));
        assertEquals(List.of("device-1"), restart().aliases());
        assertEquals(List.of("prt-a", "prt-b"), storage.sessionKeyAliases());
    }

    @Test
    void sessionKeyFilesArePrivateAndHardwareKeepsNoKeyInTheClear() throws IOException {
        assumeTrue(keepsSessionKeys(), "the backend does not declare SESSION_KEY_HMAC");
        byte[] key = newKey();
        storage.importSessionKey("prt-1", key.clone());
        for (Path f : listFiles()) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
            assertTrue(mode.endsWith("------"), f + " is accessible by group or others: " + mode);
            if (declares(KeyStorageCapability.HARDWARE_BACKED)) {
                byte[] content = Files.readAllBytes(f);
                assertFalse(contains(content, key), f + " holds the session key in the clear");
            }
        }
    }

    @Test
    void sessionKeyHmacsFromSeveralThreads() throws Exception {
        assumeTrue(keepsSessionKeys(), "the backend does not declare SESSION_KEY_HMAC");
        byte[] key = newKey();
        storage.importSessionKey("prt-1", key.clone());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<byte[]>> jobs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                byte[] message = pattern(i * 10);
                jobs.add(() -> storage.sessionKeyHmac("prt-1", message));
            }
            List<Future<byte[]>> results = pool.invokeAll(jobs, 120, TimeUnit.SECONDS);
            for (int i = 0; i < 8; i++) {
                assertArrayEquals(jdkHmac(key, pattern(i * 10)), results.get(i).get(), "HMAC " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutTheCapabilitySessionKeysAreRefused() {
        assumeFalse(keepsSessionKeys(), "the backend declares SESSION_KEY_HMAC");
        assertThrows(KeyStorageException.class, () -> storage.importSessionKey("prt-1", newKey()));
        assertThrows(KeyStorageException.class, () -> storage.sessionKeyHmac("prt-1", MESSAGES.get(1)));
        assertFalse(storage.deleteSessionKey("prt-1"));
        assertEquals(List.of(), storage.sessionKeyAliases());
    }

    private byte[] newKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    private static byte[] jdkHmac(byte[] key, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
    }

    /** An SP 800-108 counter-mode input as the session-key KDF (version 2) makes it: i, label, 0x00, a 32-byte context, L. */
    private static byte[] kdfInput() {
        byte[] label = "AzureAD-SecureConversation".getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[4 + label.length + 1 + 32 + 4];
        input[3] = 1;
        System.arraycopy(label, 0, input, 4, label.length);
        input[input.length - 2] = 1; // L = 256 bits
        return input;
    }

    private static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
