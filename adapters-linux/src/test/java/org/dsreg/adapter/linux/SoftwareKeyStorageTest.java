package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.dsreg.port.out.KeyStorageException;
import org.dsreg.testkit.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftwareKeyStorageTest {
    @TempDir
    Path state;

    private SoftwareKeyStorage storage() {
        return new SoftwareKeyStorage(new LinuxPaths(Path.of("/"), state));
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

    @Test
    void neverReplacesAnExistingKey() {
        var first = storage().generate("device-1");
        assertThrows(KeyStorageException.class, () -> storage().generate("device-1"));
        assertEquals(Optional.of(first), storage().publicKey("device-1"));
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws Exception {
        storage().generate("device-1");
        Path file = state.resolve("keys/software/device-1.pem");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KeyStorageException e = assertThrows(KeyStorageException.class, () -> storage().publicKey("device-1"));
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
        assertThrows(KeyStorageException.class, () -> storage().publicKey("device-1"));
        assertThrows(KeyStorageException.class, () -> storage().delete("device-1"));
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
