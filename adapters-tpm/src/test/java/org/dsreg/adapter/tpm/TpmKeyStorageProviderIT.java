package org.dsreg.adapter.tpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.ServiceLoader;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.KeyStorageProvider;
import org.dsreg.testkit.tpm.SwtpmExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The SPI: discovery, probe and open, against swtpm and against TPMs that are not there. */
class TpmKeyStorageProviderIT {
    @RegisterExtension
    static final SwtpmExtension tpm = new SwtpmExtension();

    @TempDir
    Path dir;

    private KeyStorageContext context(String tcti) {
        return new KeyStorageContext(dir.resolve("keys/tpm"), Map.of("tcti", tcti));
    }

    @Test
    void foundThroughServiceLoader() {
        KeyStorageProvider p = ServiceLoader.load(KeyStorageProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x.name().equals("tpm")).findFirst().orElseThrow();
        assertInstanceOf(TpmKeyStorageProvider.class, p);
        assertEquals(EnumSet.of(KeyStorageCapability.HARDWARE_BACKED, KeyStorageCapability.SESSION_KEY_HMAC),
                p.capabilities());
        assertTrue(!p.description().isBlank());
    }

    @Test
    void probeIsUsableOnSwtpmAndNamesIbm(TestReporter reporter) {
        Availability a = new TpmKeyStorageProvider().probe(context(tpm.tcti()));
        Availability.Usable u = assertInstanceOf(Availability.Usable.class, a);
        assertTrue(u.details().matches("IBM firmware \\d+\\.\\d+\\.\\d+\\.\\d+, TCTI " + Pattern.quote(tpm.tcti())),
                u.details());
        assertTrue(!Files.exists(dir.resolve("keys")), "probing creates nothing");
        reporter.publishEntry("usable", u.details());
    }

    @Test
    void probeAndOpenAgainstAClosedPort(TestReporter reporter) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String tcti = "swtpm:host=127.0.0.1,port=" + port;
        Availability a = new TpmKeyStorageProvider().probe(context(tcti));
        Availability.Unusable u = assertInstanceOf(Availability.Unusable.class, a);
        assertTrue(u.reason().startsWith("cannot reach the TPM through TCTI " + tcti + ": 0x"), u.reason());
        assertTrue(u.reason().contains("is the TPM simulator running"), u.reason());
        reporter.publishEntry("closed port", u.reason());
        KeyStorageException e = assertThrows(KeyStorageException.class, () -> new TpmKeyStorageProvider().open(context(tcti)));
        assertEquals(u.reason(), e.getMessage());
    }

    @Test
    void probeWithoutADevice() {
        Availability.Unusable u = assertInstanceOf(Availability.Unusable.class,
                new TpmKeyStorageProvider().probe(context("device:/dev/no-such-tpmrm9")));
        assertTrue(u.reason().startsWith("no TPM: /dev/no-such-tpmrm9 does not exist"), u.reason());
    }

    @Test
    void defaultTctiIsTheKernelResourceManager() {
        KeyStorageContext none = new KeyStorageContext(dir, Map.of());
        assertEquals("device:/dev/tpmrm0", TpmKeyStorageProvider.tcti(none));
        Availability a = new TpmKeyStorageProvider().probe(none);
        if (!Files.exists(Path.of("/dev/tpmrm0"))) {
            Availability.Unusable u = assertInstanceOf(Availability.Unusable.class, a);
            assertTrue(u.reason().startsWith("no TPM: /dev/tpmrm0 does not exist"), u.reason());
        }
    }

    @Test
    void openedStorageWorksAndProbeSharesItsContext() {
        try (KeyStorage s = new TpmKeyStorageProvider().open(context(tpm.tcti()))) {
            assertEquals("tpm", s.name());
            assertInstanceOf(Availability.Usable.class, new TpmKeyStorageProvider().probe(context(tpm.tcti())));
            assertTrue(s.protection().hardwareBacked());
            assertEquals("TPM 2.0 (IBM)", s.protection().provider());
        }
    }

    private static final class Pattern {
        static String quote(String s) {
            return java.util.regex.Pattern.quote(s);
        }
    }
}
