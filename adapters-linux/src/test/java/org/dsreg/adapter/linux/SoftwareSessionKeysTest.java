package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.state.StateTreeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The software backend's session-key files: where they are, their modes, and no link followed. */
class SoftwareSessionKeysTest {
    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 0x5a);
    }

    @TempDir
    Path state;

    private SoftwareKeyStorage storage() {
        return new SoftwareKeyStorage(new KeyStorageContext(state.resolve("keys/software"), Map.of(), state));
    }

    private Path file(String alias) {
        return state.resolve("keys/software/" + alias + ".session-key");
    }

    @Test
    void theKeyIsA0600FileIn0700HoldingItsBytesAndNothingElse() throws Exception {
        storage().importSessionKey("prt-1", KEY.clone());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file("prt-1"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file("prt-1").getParent())));
        assertArrayEquals(KEY, Files.readAllBytes(file("prt-1")));
        try (var files = Files.list(file("prt-1").getParent())) {
            assertEquals(List.of("prt-1.session-key"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void aLinkPlantedAtTheNameIsRefusedAndItsTargetKept(@TempDir Path elsewhere) throws Exception {
        storage().importSessionKey("prt-1", KEY.clone());
        Path target = Files.write(elsewhere.resolve("victim"), new byte[32]);
        Files.delete(file("prt-1"));
        Files.createSymbolicLink(file("prt-1"), target);
        assertEquals(StateTreeException.Rule.SYMBOLIC_LINK,
                assertThrows(StateTreeException.class, () -> storage().sessionKeyHmac("prt-1", new byte[1])).rule());
        assertEquals(StateTreeException.Rule.SYMBOLIC_LINK,
                assertThrows(StateTreeException.class, () -> storage().importSessionKey("prt-1", KEY.clone())).rule());
        assertEquals(StateTreeException.Rule.SYMBOLIC_LINK,
                assertThrows(StateTreeException.class, () -> storage().deleteSessionKey("prt-1")).rule());
        assertArrayEquals(new byte[32], Files.readAllBytes(target), "the link's target is untouched");
        assertEquals(List.of(), storage().sessionKeyAliases(), "a link is no session key");
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws Exception {
        storage().importSessionKey("prt-1", KEY.clone());
        Files.setPosixFilePermissions(file("prt-1"), PosixFilePermissions.fromString("rw-r-----"));
        StateTreeException e = assertThrows(StateTreeException.class, () -> storage().sessionKeyHmac("prt-1", new byte[1]));
        assertEquals(StateTreeException.Rule.TOO_OPEN, e.rule());
    }

    @Test
    void aDamagedKeyFileIsAClearErrorThatShowsNoKeyBytes() throws Exception {
        storage().importSessionKey("prt-1", KEY.clone());
        Files.write(file("prt-1"), Arrays.copyOf(KEY, 31));
        KeyStorageException e = assertThrows(KeyStorageException.class, () -> storage().sessionKeyHmac("prt-1", new byte[1]));
        assertEquals("session key file " + file("prt-1") + " is damaged (31 bytes, not 32); delete it and acquire a new PRT",
                e.getMessage());
    }

    @Test
    void theHmacIsTheJdksAndTheKeyFileIsNoRsaKey() throws Exception {
        storage().generate("prt-1");
        storage().importSessionKey("prt-1", KEY.clone());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        assertArrayEquals(mac.doFinal(new byte[] {1, 2, 3}), storage().sessionKeyHmac("prt-1", new byte[] {1, 2, 3}));
        assertEquals(List.of("prt-1"), storage().aliases());
        assertTrue(storage().delete("prt-1"));
        assertTrue(Files.exists(file("prt-1")), "deleting the RSA key leaves the session key");
        assertFalse(storage().delete("prt-1"));
    }

    @Test
    void theRefusalsSayWhy() {
        assertEquals("a PRT session key has 32 bytes, not 16; session key 'prt-1' not kept",
                assertThrows(KeyStorageException.class, () -> storage().importSessionKey("prt-1", new byte[16])).getMessage());
        assertEquals("there is no session key 'prt-1' in " + state.resolve("keys/software"),
                assertThrows(KeyStorageException.class, () -> storage().sessionKeyHmac("prt-1", new byte[1])).getMessage());
        storage().importSessionKey("prt-1", KEY.clone());
        assertEquals("a session key named 'prt-1' already exists in " + state.resolve("keys/software")
                        + "; it is never replaced (delete it first)",
                assertThrows(KeyStorageException.class, () -> storage().importSessionKey("prt-1", KEY.clone())).getMessage());
        assertTrue(assertThrows(KeyStorageException.class, () -> storage().sessionKeyHmac(".hidden", new byte[1]))
                .getMessage().startsWith("'.hidden' is not a valid session key alias"));
    }
}
