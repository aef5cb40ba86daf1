package org.dsreg.testkit.keystorage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.KeyStorageProvider;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.junit.jupiter.api.Test;

/**
 * The contract every key-storage backend meets. A backend proves itself with a short subclass:
 *
 * <pre>{@code
 * class MyKeyStorageContractTest extends KeyStorageContract {
 *     protected KeyStorageProvider provider() { return new MyKeyStorageProvider(); }
 * }
 * }</pre>
 *
 * Optional abilities are tested as the provider declares them in
 * {@link KeyStorageProvider#capabilities()}, never by backend name (PRT session keys, for one, in
 * {@link SessionKeyContract}, which this class extends). Each test gets a fresh directory; "a restart"
 * is closing the storage and opening the provider again on the same directory ({@link KeyStorageFixture}).
 */
public abstract class KeyStorageContract extends SessionKeyContract {
    private static final byte[] MESSAGE = "dsreg conformance".getBytes(StandardCharsets.UTF_8);

    /**
     * Whether the backend keeps its keys as files in its directory (then corrupting those files
     * must give a clear {@link KeyStorageException}); true by default.
     */
    protected boolean keepsKeysInItsDirectory() {
        return true;
    }

    @Test
    void theProviderIsFoundByServiceLoaderUnderItsName() {
        String name = provider().name();
        assertTrue(name.matches("[a-z0-9][a-z0-9._-]{0,63}"), "invalid backend name: " + name);
        assertTrue(ServiceLoader.load(KeyStorageProvider.class).stream()
                        .anyMatch(p -> p.get().name().equals(name)),
                "no META-INF/services/org.dsreg.spi.keystorage.KeyStorageProvider entry names '" + name + "'");
        assertEquals(name, storage.name());
        assertFalse(provider().description().isBlank());
    }

    @Test
    void theBackendIsUsableHere() {
        assertInstanceOf(Availability.Usable.class, provider().probe(context));
    }

    @Test
    void generatesRsa2048WithExponent65537() {
        RSAPublicKey key = (RSAPublicKey) storage.generate("device-1");
        assertEquals(2048, key.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), key.getPublicExponent());
        assertEquals(Optional.of(key), storage.publicKey("device-1"));
    }

    @Test
    void keysSurviveARestart() throws GeneralSecurityException {
        PublicKey key = storage.generate("device-1");
        KeyStorage again = restart();
        assertEquals(Optional.of(key), again.publicKey("device-1"));
        assertTrue(verify(SignatureScheme.RSA_PKCS1_SHA256, key, again.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, MESSAGE)));
    }

    @Test
    void pkcs1SignaturesVerifyWithThePublicKey() throws GeneralSecurityException {
        PublicKey key = storage.generate("device-1");
        byte[] sig = storage.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, MESSAGE);
        assertEquals(256, sig.length);
        assertTrue(verify(SignatureScheme.RSA_PKCS1_SHA256, key, sig));
        assertFalse(verify(SignatureScheme.RSA_PKCS1_SHA256, key, storage.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256,
                "another message".getBytes(StandardCharsets.UTF_8))), "a signature is of its message only");
    }

    @Test
    void pssSignaturesVerifyWithThePublicKey() throws GeneralSecurityException {
        PublicKey key = storage.generate("device-1");
        byte[] sig = storage.sign("device-1", SignatureScheme.RSA_PSS_SHA256, MESSAGE);
        assertTrue(verify(SignatureScheme.RSA_PSS_SHA256, key, sig));
    }

    @Test
    void decryptsRsaOaepSha1() throws GeneralSecurityException {
        PublicKey key = storage.generate("transport-1");
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(Cipher.ENCRYPT_MODE, key, new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
                PSource.PSpecified.DEFAULT));
        assertArrayEquals(secret, storage.decrypt("transport-1", c.doFinal(secret)));
        assertThrows(KeyStorageException.class, () -> storage.decrypt("transport-1", new byte[256]),
                "garbage does not decrypt");
    }

    @Test
    void deleteRemovesTheKeyAndOnlyIt() {
        storage.generate("device-1");
        PublicKey kept = storage.generate("device-2");
        assertTrue(storage.delete("device-1"));
        assertFalse(storage.delete("device-1"));
        assertEquals(Optional.empty(), storage.publicKey("device-1"));
        assertEquals(Optional.empty(), restart().publicKey("device-1"));
        assertEquals(Optional.of(kept), storage.publicKey("device-2"));
    }

    @Test
    void aliasesListsTheKeysSorted() {
        assertEquals(List.of(), storage.aliases());
        storage.generate("transport-b");
        storage.generate("device-a");
        assertEquals(List.of("device-a", "transport-b"), storage.aliases());
        assertEquals(List.of("device-a", "transport-b"), restart().aliases());
    }

    @Test
    void anExistingAliasIsNeverReplaced() {
        PublicKey first = storage.generate("device-1");
        assertThrows(KeyStorageException.class, () -> storage.generate("device-1"));
        assertEquals(Optional.of(first), storage.publicKey("device-1"));
    }

    @Test
    void anUnknownAliasIsEmptyAndCannotBeUsed() {
        assertEquals(Optional.empty(), storage.publicKey("nothing"));
        KeyStorageException sign = assertThrows(KeyStorageException.class,
                () -> storage.sign("nothing", SignatureScheme.RSA_PKCS1_SHA256, MESSAGE));
        assertTrue(sign.getMessage().contains("nothing"), "the message names the alias: " + sign.getMessage());
        assertThrows(KeyStorageException.class, () -> storage.decrypt("nothing", new byte[256]));
        assertFalse(storage.delete("nothing"));
    }

    @Test
    void concurrentUseFromSeveralThreads() throws Exception {
        PublicKey key = storage.generate("device-1");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<byte[]>> jobs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                SignatureScheme scheme = i % 2 == 0 ? SignatureScheme.RSA_PKCS1_SHA256 : SignatureScheme.RSA_PSS_SHA256;
                jobs.add(() -> storage.sign("device-1", scheme, MESSAGE));
            }
            jobs.add(() -> {
                storage.generate("device-2");
                return new byte[0];
            });
            List<Future<byte[]>> results = pool.invokeAll(jobs, 120, TimeUnit.SECONDS);
            for (int i = 0; i < 12; i++) {
                byte[] sig = results.get(i).get();
                assertTrue(i % 2 == 0 ? verify(SignatureScheme.RSA_PKCS1_SHA256, key, sig)
                        : verify(SignatureScheme.RSA_PSS_SHA256, key, sig), "signature " + i);
            }
            results.get(12).get();
            assertEquals(List.of("device-1", "device-2"), storage.aliases());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void corruptedKeyFilesGiveAClearError() throws IOException {
        storage.generate("device-1");
        if (!keepsKeysInItsDirectory()) {
            assertTrue(listFiles().isEmpty(), "a backend that keeps no files leaves its directory empty");
            return;
        }
        List<Path> files = listFiles();
        assertFalse(files.isEmpty(), "the backend said it keeps its keys as files in " + context.directory());
        for (Path f : files) {
            Files.write(f, "corrupted".getBytes(StandardCharsets.US_ASCII));
        }
        KeyStorage again = restart();
        KeyStorageException e = assertThrows(KeyStorageException.class, () -> {
            again.publicKey("device-1");
            again.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, MESSAGE);
        });
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void hardwareBackingIsWhatTheBackendDeclares() throws IOException {
        storage.generate("device-1");
        boolean hardware = declares(KeyStorageCapability.HARDWARE_BACKED);
        assertEquals(hardware, storage.protection().hardwareBacked());
        if (hardware) {
            for (Path f : listFiles()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains("PRIVATE KEY"), f + " holds a private key in the clear");
            }
        }
    }

    @Test
    void exportableAndHardwareBackedExcludeEachOther() {
        Set<KeyStorageCapability> caps = provider().capabilities();
        assertFalse(caps.contains(KeyStorageCapability.EXPORTABLE) && caps.contains(KeyStorageCapability.HARDWARE_BACKED),
                "a key cannot be both exportable and hardware-backed");
    }

    @Test
    void keyFilesArePrivate() throws IOException {
        storage.generate("device-1");
        for (Path f : listFiles()) {
            String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
            assertTrue(mode.endsWith("------"), f + " is accessible by group or others: " + mode);
        }
        if (Files.exists(context.directory())) {
            String dirMode = java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(context.directory()));
            assertTrue(dirMode.endsWith("------"), context.directory() + " is open to group or others: " + dirMode);
        }
    }

    private static boolean verify(SignatureScheme scheme, PublicKey key, byte[] sig) throws GeneralSecurityException {
        Signature s = scheme.newSignature();
        s.initVerify(key);
        s.update(MESSAGE);
        return s.verify(sig);
    }

}
