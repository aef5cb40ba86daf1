package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.SignatureScheme;
import org.dsreg.spi.state.StateTreeException;
import org.dsreg.testkit.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftwareKeyStorageTest {
    @TempDir
    Path state;

    private SoftwareKeyStorage storage() {
        return new SoftwareKeyStorage(new KeyStorageContext(state.resolve("keys/software"), Map.of(), state));
    }

    @Test
    void generatesRsa2048InAPrivateFileThatOpensslReads() {
        RSAPublicKey pub = (RSAPublicKey) storage().generate("device-1");
        assertEquals(2048, pub.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), pub.getPublicExponent());
        assertEquals(Optional.of(pub), storage().publicKey("device-1"));

        Path file = state.resolve("keys/software/device-1.pem");
        assertEquals("rw-------", perms(file));
        assertEquals("rwx------", perms(file.getParent()));

        Path openssl = ExternalTools.require("openssl", "openssl");
        var r = ExternalTools.run(List.of(openssl.toString(), "pkey", "-in", file.toString(), "-noout", "-text_pub"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("2048 bit"), r.stdout());
    }

    /** openssl, an independent verifier, accepts both signatures: PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt. */
    @Test
    void signaturesVerifyWithOpenssl() throws Exception {
        PublicKey pub = storage().generate("device-1");
        Path openssl = ExternalTools.require("openssl", "openssl");
        Path pem = state.resolve("pub.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                pub.getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Path msg = Files.write(state.resolve("msg"), "a TLS handshake".getBytes(StandardCharsets.UTF_8));
        Path pss = Files.write(state.resolve("pss.sig"),
                storage().sign("device-1", SignatureScheme.RSA_PSS_SHA256, Files.readAllBytes(msg)));
        Path pkcs1 = Files.write(state.resolve("pkcs1.sig"),
                storage().sign("device-1", SignatureScheme.RSA_PKCS1_SHA256, Files.readAllBytes(msg)));
        List<String> dgst = List.of(openssl.toString(), "dgst", "-sha256", "-verify", pem.toString());
        var r = ExternalTools.run(concat(dgst, "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32",
                "-sigopt", "rsa_mgf1_md:sha256", "-signature", pss.toString(), msg.toString()));
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        r = ExternalTools.run(concat(dgst, "-signature", pkcs1.toString(), msg.toString()));
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        r = ExternalTools.run(concat(dgst, "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:20",
                "-signature", pss.toString(), msg.toString()));
        assertEquals(1, r.exitCode(), "a salt of 20 does not verify: the salt is 32 " + r.stdout());
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Test
    void neverReplacesAnExistingKey() {
        var first = storage().generate("device-1");
        assertThrows(KeyStorageException.class, () -> storage().generate("device-1"));
        assertEquals(Optional.of(first), storage().publicKey("device-1"));
    }

    @Test
    void concurrentGenerationsOfOneKeyNeverReplaceEachOther() throws Exception {
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PublicKey>> attempts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                attempts.add(pool.submit(() -> {
                    go.await();
                    return storage().generate("device-1"); // key generation is slow: they race past the exists-check
                }));
            }
            go.countDown();
            List<PublicKey> made = new ArrayList<>();
            int refused = 0;
            for (Future<PublicKey> f : attempts) {
                try {
                    made.add(f.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertTrue(e.getCause() instanceof KeyStorageException, String.valueOf(e.getCause()));
                    assertTrue(e.getCause().getMessage().contains("already exists"), e.getCause().getMessage());
                    refused++;
                }
            }
            assertEquals(1, made.size(), "exactly one generation wins; " + refused + " refused");
            assertEquals(Optional.of(made.get(0)), storage().publicKey("device-1"), "the winner's key is kept");
            try (var files = Files.list(state.resolve("keys/software"))) {
                assertEquals(List.of("device-1.pem"), files.map(p -> p.getFileName().toString()).toList(),
                        "no temporary file is left behind");
            }
        } finally {
            pool.shutdownNow();
        }
    }


    @Test
    void refusesAKeyFileOthersCanRead() throws Exception {
        storage().generate("device-1");
        Path file = state.resolve("keys/software/device-1.pem");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        StateTreeException e = assertThrows(StateTreeException.class, () -> storage().publicKey("device-1"));
        assertEquals(StateTreeException.Rule.TOO_OPEN, e.rule());
        assertTrue(e.getMessage().contains("too open"), e.getMessage());
    }

    @Test
    void anUnknownAliasIsEmptyAndDeleteIsIdempotent() {
        assertEquals(Optional.empty(), storage().publicKey("nothing"));
        storage().generate("device-1");
        assertTrue(storage().delete("device-1"));
        assertFalse(storage().delete("device-1"));
        assertEquals(Optional.empty(), storage().publicKey("device-1"));
    }

    @Test
    void aLinkInPlaceOfTheKeyIsRefusedAndItsTargetKept(@TempDir Path elsewhere) throws Exception {
        storage().generate("device-1");
        Path file = state.resolve("keys/software/device-1.pem");
        Path target = elsewhere.resolve("victim");
        Files.writeString(target, "precious");
        Files.delete(file);
        Files.createSymbolicLink(file, target);
        assertEquals(StateTreeException.Rule.SYMBOLIC_LINK,
                assertThrows(StateTreeException.class, () -> storage().publicKey("device-1")).rule());
        assertEquals(StateTreeException.Rule.SYMBOLIC_LINK,
                assertThrows(StateTreeException.class, () -> storage().sign("device-1", SignatureScheme.RSA_PKCS1_SHA256,
                        new byte[1])).rule());
        assertEquals(StateTreeException.Rule.SYMBOLIC_LINK,
                assertThrows(StateTreeException.class, () -> storage().delete("device-1")).rule());
        assertEquals("precious", Files.readString(target));
    }

    private static String perms(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
