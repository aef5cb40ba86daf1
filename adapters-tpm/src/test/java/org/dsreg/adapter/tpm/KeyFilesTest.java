package org.dsreg.adapter.tpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dsreg.domain.DsregException;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob files: modes, atomic never-replacing creation, symbolic links, aliases. */
class KeyFilesTest {
    @TempDir
    Path tmp;

    private static TpmContext.Blobs blobs(int seed) {
        return new TpmContext.Blobs(new byte[] {1, (byte) seed}, new byte[] {2, (byte) seed});
    }

    @Test
    void createsDirectory0700AndFiles0600() throws Exception {
        Path dir = tmp.resolve("state/keys/tpm");
        KeyFiles f = new KeyFiles(dir);
        assertEquals(List.of(), f.aliases());
        assertFalse(Files.exists(dir), "listing does not create the directory");
        f.create("device-1", blobs(1));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("device-1.pub"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("device-1.priv"))));
        assertArrayEquals(blobs(1).tpm2bPublic(), f.read("device-1").orElseThrow().tpm2bPublic());
        assertArrayEquals(blobs(1).tpm2bPrivate(), f.read("device-1").orElseThrow().tpm2bPrivate());
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "no temporary file left");
        }
    }

    @Test
    void sessionKeyBlobsHaveNamesOfTheirOwnAndTheAliasesStayApart() {
        KeyFiles keys = new KeyFiles(tmp);
        KeyFiles sessionKeys = KeyFiles.sessionKeys(new org.dsreg.spi.keystorage.KeyStorageContext(tmp, java.util.Map.of()));
        keys.create("a.session", blobs(1)); // a.session.pub: an RSA key's, never a session key's
        sessionKeys.create("a", blobs(2));   // a.session-pub: a session key's, never an RSA key's
        sessionKeys.create("shared", blobs(3));
        keys.create("shared", blobs(4));
        assertTrue(Files.exists(tmp.resolve("a.session-pub")) && Files.exists(tmp.resolve("a.session-priv")));
        assertEquals(List.of("a.session", "shared"), keys.aliases());
        assertEquals(List.of("a", "shared"), sessionKeys.aliases());
        assertEquals("a session key named 'shared' already exists in the TPM key storage; it is never replaced"
                + " (delete it first)", assertThrows(KeyStorageException.class,
                        () -> sessionKeys.create("shared", blobs(5))).getMessage());
        assertTrue(sessionKeys.delete("shared"));
        assertArrayEquals(blobs(4).tpm2bPrivate(), keys.read("shared").orElseThrow().tpm2bPrivate());
    }

    @Test
    void neverReplaces() {
        KeyFiles f = new KeyFiles(tmp);
        f.create("k", blobs(1));
        KeyStorageException e = assertThrows(KeyStorageException.class, () -> f.create("k", blobs(2)));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertArrayEquals(blobs(1).tpm2bPrivate(), f.read("k").orElseThrow().tpm2bPrivate());
    }

    @Test
    void concurrentCreatorsOfOneAliasOneWins() throws Exception {
        KeyFiles f = new KeyFiles(tmp.resolve("d"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int seed = i;
                results.add(pool.submit((Callable<Integer>) () -> {
                    try {
                        f.create("same", blobs(seed));
                        return seed;
                    } catch (KeyStorageException e) {
                        return -1;
                    }
                }));
            }
            List<Integer> winners = new ArrayList<>();
            for (Future<Integer> r : results) {
                if (r.get() >= 0) {
                    winners.add(r.get());
                }
            }
            assertEquals(1, winners.size(), winners.toString());
            TpmContext.Blobs b = f.read("same").orElseThrow();
            assertEquals(winners.get(0), (int) b.tpm2bPublic()[1]);
            assertEquals(winners.get(0), (int) b.tpm2bPrivate()[1], "the .priv belongs to the winning .pub");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aliasesSortedAndDelete() throws Exception {
        KeyFiles f = new KeyFiles(tmp);
        f.create("transport-2", blobs(1));
        f.create("device-1", blobs(2));
        f.create("Device-0", blobs(3));
        Files.writeString(tmp.resolve("README"), "not a key");
        Files.writeString(tmp.resolve(".x.pub.123.tmp"), "leftover");
        assertEquals(List.of("Device-0", "device-1", "transport-2"), f.aliases());
        assertTrue(f.delete("device-1"));
        assertFalse(f.delete("device-1"));
        assertFalse(Files.exists(tmp.resolve("device-1.priv")));
        assertEquals(List.of("Device-0", "transport-2"), f.aliases());
    }

    @Test
    void missingPrivateIsIncomplete() throws Exception {
        KeyFiles f = new KeyFiles(tmp);
        f.create("k", blobs(1));
        Files.delete(tmp.resolve("k.priv"));
        KeyStorageException e = assertThrows(KeyStorageException.class, () -> f.read("k"));
        assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
        f.create("k2", blobs(1));
    }

    @Test
    void orphanPrivateDoesNotBlockTheAlias() throws Exception {
        KeyFiles f = new KeyFiles(tmp);
        Files.write(tmp.resolve("k.priv"), new byte[] {9});
        f.create("k", blobs(1));
        assertArrayEquals(blobs(1).tpm2bPrivate(), f.read("k").orElseThrow().tpm2bPrivate());
    }

    @Test
    void refusesSymbolicLinks() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        KeyFiles viaLink = new KeyFiles(link);
        DsregException e = assertThrows(DsregException.class, () -> viaLink.create("k", blobs(1)));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertThrows(DsregException.class, viaLink::aliases);

        KeyFiles f = new KeyFiles(real);
        Path elsewhere = Files.write(tmp.resolve("elsewhere.pub"), new byte[] {1, 2});
        Files.createSymbolicLink(real.resolve("k.pub"), elsewhere);
        e = assertThrows(DsregException.class, () -> f.readPublic("k"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals(List.of(), f.aliases());
        assertThrows(DsregException.class, () -> f.create("k", blobs(1)), "an existing link is never replaced");
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(elsewhere));
    }

    @Test
    void checksAliases() {
        for (String ok : List.of("device-1", "transport.key_2", "A")) {
            KeyFiles.checkAlias(ok);
        }
        for (String bad : new String[] {"", ".hidden", "../x", "a/b", "-x", "a b", "x".repeat(129), "k\n", null}) {
            KeyStorageException e = assertThrows(KeyStorageException.class, () -> KeyFiles.checkAlias(bad), String.valueOf(bad));
            assertTrue(e.getMessage().startsWith("invalid key alias"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void tooLargeFileIsDamaged() throws Exception {
        KeyFiles f = new KeyFiles(tmp);
        Files.write(tmp.resolve("big.pub"), new byte[100_000]);
        KeyStorageException e = assertThrows(KeyStorageException.class, () -> f.readPublic("big"));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }
}
