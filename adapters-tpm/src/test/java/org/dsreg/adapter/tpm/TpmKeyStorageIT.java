package org.dsreg.adapter.tpm;

import static org.dsreg.adapter.tpm.TpmTestSupport.open;
import static org.dsreg.adapter.tpm.TpmTestSupport.verifyPkcs1;
import static org.dsreg.adapter.tpm.TpmTestSupport.verifyPss;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.dsreg.domain.KeyProtection;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.dsreg.spi.state.StateTreeException;
import org.dsreg.testkit.tpm.SwtpmExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The TPM key storage against swtpm: the KeyStorage contract, errors, restarts and concurrency. */
class TpmKeyStorageIT {
    @RegisterExtension
    static final SwtpmExtension tpm = new SwtpmExtension();

    @TempDir
    Path dir;
    KeyStorage storage;

    private static final byte[] DATA = "header.payload of a JWT".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void openStorage() {
        storage = open(tpm.swtpm(), dir.resolve("keys/tpm"));
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    @Test
    void generatesRsa2048WithExponent65537AndKeepsItsPublicKey() throws Exception {
        assertEquals("tpm", storage.name());
        RSAPublicKey key = (RSAPublicKey) storage.generate("device-1");
        assertEquals(2048, key.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), key.getPublicExponent());
        assertEquals(Optional.of(key), storage.publicKey("device-1"));
        assertEquals(List.of("device-1"), storage.aliases());

        Path keys = dir.resolve("keys/tpm");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        for (String f : List.of("device-1.pub", "device-1.priv")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(f))), f);
        }
        Structures.RsaPublicArea area = Structures.RsaPublicArea.parse(Files.readAllBytes(keys.resolve("device-1.pub")));
        assertEquals(Structures.KEY_ATTRIBUTES, area.attributes());
        assertEquals(Tpm2.ALG_NULL, area.scheme());
    }

    @Test
    void signsPkcs1AndPssVerifiedByTheJdk() throws Exception {
        PublicKey key = storage.generate("device-1");
        byte[] pkcs1 = storage.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, DATA);
        assertEquals(256, pkcs1.length);
        assertTrue(verifyPkcs1(key, DATA, pkcs1));
        assertArrayEquals(pkcs1, storage.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, DATA), "PKCS#1 v1.5 is deterministic");

        byte[] pss = storage.sign("device-1", SignatureScheme.RSA_PSS_SHA256, DATA);
        assertEquals(256, pss.length);
        assertTrue(verifyPss(key, DATA, pss));
        assertFalse(verifyPss(key, "other".getBytes(StandardCharsets.UTF_8), pss));
        assertFalse(Arrays.equals(pss, storage.sign("device-1", SignatureScheme.RSA_PSS_SHA256, DATA)), "PSS is salted");

        byte[] empty = storage.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, new byte[0]);
        assertTrue(verifyPkcs1(key, new byte[0], empty));
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 7);
        assertTrue(verifyPss(key, big, storage.sign("device-1", SignatureScheme.RSA_PSS_SHA256, big)));
    }

    @Test
    void pssEncodedInJavaAndSignedWithRawRsaVerifies() throws Exception {
        PublicKey key = storage.generate("device-1");
        TpmKeyStorage raw = ((TpmKeyStorage) storage).pssInJava();
        byte[] pss = raw.sign("device-1", SignatureScheme.RSA_PSS_SHA256, DATA);
        assertEquals(256, pss.length);
        assertTrue(verifyPss(key, DATA, pss));
    }

    @Test
    void decryptsOaepSha1FromTheJdk() throws Exception {
        PublicKey key = storage.generate("transport-1");
        byte[] sessionKey = new byte[32];
        new java.security.SecureRandom().nextBytes(sessionKey);
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        c.init(Cipher.ENCRYPT_MODE, key);
        byte[] ciphertext = c.doFinal(sessionKey);
        assertArrayEquals(sessionKey, storage.decrypt("transport-1", ciphertext));

        // the same key signs too
        assertTrue(verifyPkcs1(key, DATA, storage.sign("transport-1", SignatureScheme.RSA_PKCS1_SHA256, DATA)));

        byte[] tampered = ciphertext.clone();
        tampered[100] ^= 1;
        KeyStorageException e = assertThrows(KeyStorageException.class, () -> storage.decrypt("transport-1", tampered));
        assertTrue(e.getMessage().startsWith("the ciphertext does not decrypt with TPM key 'transport-1'"), e.getMessage());
        e = assertThrows(KeyStorageException.class, () -> storage.decrypt("transport-1", new byte[300]));
        assertTrue(e.getMessage().contains("300 bytes"), e.getMessage());
    }

    @Test
    void deleteAndSortedAliases() {
        storage.generate("transport-2");
        storage.generate("device-1");
        storage.generate("a-first");
        assertEquals(List.of("a-first", "device-1", "transport-2"), storage.aliases());
        assertTrue(storage.delete("device-1"));
        assertFalse(storage.delete("device-1"));
        assertEquals(Optional.empty(), storage.publicKey("device-1"));
        assertEquals(List.of("a-first", "transport-2"), storage.aliases());
    }

    @Test
    void unknownAlias() {
        assertEquals(Optional.empty(), storage.publicKey("nope"));
        assertEquals(List.of(), storage.aliases());
        KeyStorageException e = assertThrows(KeyStorageException.class,
                () -> storage.sign("nope", SignatureScheme.RSA_PKCS1_SHA256, DATA));
        assertTrue(e.getMessage().startsWith("no TPM key named 'nope' in "), e.getMessage());
        e = assertThrows(KeyStorageException.class, () -> storage.decrypt("nope", new byte[256]));
        assertTrue(e.getMessage().startsWith("no TPM key named 'nope'"), e.getMessage());
        assertFalse(storage.delete("nope"));
        assertThrows(KeyStorageException.class, () -> storage.generate("../escape"));
    }

    @Test
    void neverReplacesAnAlias() throws Exception {
        PublicKey first = storage.generate("device-1");
        byte[] priv = Files.readAllBytes(dir.resolve("keys/tpm/device-1.priv"));
        KeyStorageException e = assertThrows(KeyStorageException.class, () -> storage.generate("device-1"));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(Optional.of(first), storage.publicKey("device-1"));
        assertArrayEquals(priv, Files.readAllBytes(dir.resolve("keys/tpm/device-1.priv")));
    }

    @Test
    void concurrentGenerateOfOneAliasMakesOneKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PublicKey>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(pool.submit((Callable<PublicKey>) () -> {
                    go.await();
                    try {
                        return storage.generate("device-1");
                    } catch (KeyStorageException e) {
                        return null;
                    }
                }));
            }
            go.countDown();
            List<PublicKey> made = new ArrayList<>();
            for (Future<PublicKey> f : results) {
                PublicKey k = f.get(60, TimeUnit.SECONDS);
                if (k != null) {
                    made.add(k);
                }
            }
            assertEquals(1, made.size());
            assertEquals(Optional.of(made.get(0)), storage.publicKey("device-1"));
            assertTrue(verifyPkcs1(made.get(0), DATA, storage.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, DATA)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void damagedPublicBlob(TestReporter reporter) throws Exception {
        storage.generate("device-1");
        Path pub = dir.resolve("keys/tpm/device-1.pub");
        byte[] good = Files.readAllBytes(pub);
        Files.write(pub, Arrays.copyOf(good, 50));
        KeyStorageException e = assertThrows(KeyStorageException.class, () -> storage.publicKey("device-1"));
        assertTrue(e.getMessage().startsWith("TPM key 'device-1' is damaged: device-1.pub is not a TPM key blob"), e.getMessage());
        reporter.publishEntry("truncated pub", e.getMessage());
        e = assertThrows(KeyStorageException.class, () -> storage.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, DATA));
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());

        // a changed modulus still parses: the TPM refuses the pair (the private part is bound to the public one)
        byte[] altered = good.clone();
        altered[100] ^= 0x01;
        Files.write(pub, altered);
        e = assertThrows(KeyStorageException.class, () -> storage.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, DATA));
        assertTrue(e.getMessage().startsWith("TPM key 'device-1' cannot be loaded"), e.getMessage());
        assertTrue(e.getMessage().contains("0x"), e.getMessage());
        reporter.publishEntry("altered pub", e.getMessage());
    }

    @Test
    void damagedPrivateBlob(TestReporter reporter) throws Exception {
        storage.generate("device-1");
        Path priv = dir.resolve("keys/tpm/device-1.priv");
        byte[] good = Files.readAllBytes(priv);
        Files.write(priv, "garbage, not a blob".getBytes(StandardCharsets.UTF_8));
        KeyStorageException e = assertThrows(KeyStorageException.class,
                () -> storage.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, DATA));
        assertTrue(e.getMessage().startsWith("TPM key 'device-1' is damaged: device-1.priv is not a TPM key blob"), e.getMessage());

        byte[] flipped = good.clone();
        flipped[good.length - 10] ^= 0x40;
        Files.write(priv, flipped);
        e = assertThrows(KeyStorageException.class, () -> storage.decrypt("device-1", new byte[256]));
        assertTrue(e.getMessage().startsWith("TPM key 'device-1' cannot be loaded"), e.getMessage());
        assertTrue(e.getMessage().contains("integrity"), e.getMessage());
        reporter.publishEntry("flipped priv", e.getMessage());

        Files.write(priv, good);
        assertTrue(storage.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, DATA).length == 256, "still works when repaired");
    }

    @Test
    void keysSurviveARestart() throws Exception {
        PublicKey key = storage.generate("device-1");
        storage.close();
        storage.close(); // idempotent
        KeyStorageException e = assertThrows(KeyStorageException.class, () -> storage.aliases());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());

        // the last user closed: the ESYS context is finalized, and the next storage derives the SRK again
        storage = open(tpm.swtpm(), dir.resolve("keys/tpm"));
        assertEquals(Optional.of(key), storage.publicKey("device-1"));
        assertTrue(verifyPkcs1(key, DATA, storage.sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, DATA)));
    }

    @Test
    void twoStoragesShareOneContext() throws Exception {
        try (KeyStorage other = open(tpm.swtpm(), dir.resolve("other"))) {
            assertTrue(((TpmKeyStorage) other).context() == ((TpmKeyStorage) storage).context());
            PublicKey a = storage.generate("k");
            PublicKey b = other.generate("k");
            assertFalse(a.equals(b));
            assertTrue(verifyPkcs1(b, DATA, other.sign("k", SignatureScheme.RSA_PKCS1_SHA256, DATA)));
        }
        assertTrue(verifyPss(storage.publicKey("k").orElseThrow(), DATA, storage.sign("k", SignatureScheme.RSA_PSS_SHA256, DATA)));
    }

    @Test
    void concurrentSigningFromSeveralThreads() throws Exception {
        PublicKey device = storage.generate("device-1");
        PublicKey transport = storage.generate("transport-1");
        int threads = 8;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    go.await();
                    boolean ok = true;
                    for (int i = 0; i < each; i++) {
                        byte[] data = ("thread " + id + " message " + i).getBytes(StandardCharsets.UTF_8);
                        String alias = (id + i) % 2 == 0 ? "device-1" : "transport-1";
                        PublicKey key = alias.equals("device-1") ? device : transport;
                        if (i % 2 == 0) {
                            ok &= verifyPkcs1(key, data, storage.sign(alias, SignatureScheme.RSA_PKCS1_SHA256, data));
                        } else {
                            ok &= verifyPss(key, data, storage.sign(alias, SignatureScheme.RSA_PSS_SHA256, data));
                        }
                    }
                    return ok;
                }));
            }
            go.countDown();
            for (Future<Boolean> f : results) {
                assertTrue(f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void protectionNamesTheTpm() {
        KeyProtection p = storage.protection();
        assertTrue(p.hardwareBacked());
        assertEquals("TPM 2.0 (IBM)", p.provider());
        assertTrue(p.details().matches("manufacturer IBM, firmware \\d+\\.\\d+\\.\\d+\\.\\d+"), p.details());
    }

    @Test
    void symbolicLinksAreRefused() throws Exception {
        storage.generate("device-1");
        Path keys = dir.resolve("keys/tpm");
        Path target = Files.copy(keys.resolve("device-1.pub"), dir.resolve("copied.pub"));
        Files.createSymbolicLink(keys.resolve("linked.pub"), target);
        Files.createSymbolicLink(keys.resolve("linked.priv"), keys.resolve("device-1.priv"));
        StateTreeException e = assertThrows(StateTreeException.class,
                () -> storage.sign("linked", SignatureScheme.RSA_PKCS1_SHA256, DATA));
        assertEquals(StateTreeException.Rule.SYMBOLIC_LINK, e.rule());
        assertEquals(keys.resolve("linked.pub"), e.path());
        assertEquals(List.of("device-1"), storage.aliases(), "a link is never listed as a key");
    }
}
