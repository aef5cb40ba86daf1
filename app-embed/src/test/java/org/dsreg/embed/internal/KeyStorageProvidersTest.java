package org.dsreg.embed.internal;

import static org.dsreg.embed.internal.ServiceFiles.CURRENT;
import static org.dsreg.embed.internal.ServiceFiles.DEPRECATED;
import static org.dsreg.embed.internal.ServiceFiles.loader;
import static org.dsreg.embed.internal.ServiceFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dsreg.domain.ErrorKind;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.KeyStorageProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backends registered under the current service name and under the deprecated one, each on a class-path
 * directory of its own below the test's class path (which holds the built-ins, under the current name).
 */
class KeyStorageProvidersTest {
    @TempDir
    Path dir;

    @Test
    void aBackendRegisteredOnlyUnderTheDeprecatedNameLoads() throws Exception {
        Path old = dir.resolve("old");
        write(old, DEPRECATED, TestProviders.Legacy.class.getName() + "\n");
        try (URLClassLoader loader = loader(old)) {
            Map<String, KeyStorageProvider> found = KeyStorageProviders.find(loader);
            assertInstanceOf(TestProviders.Legacy.class, found.get("legacy-test"));
            assertInstanceOf(KeyStorageProvider.class, found.get("software")); // the built-ins, current name
            assertInstanceOf(KeyStorageProvider.class, found.get("tpm"));
        }
    }

    @Test
    void theDeprecatedFileIsReadInServiceLoadersFormat() throws Exception {
        String legacy = TestProviders.Legacy.class.getName();
        Path file = write(dir, DEPRECATED, "# Schlüssel im Gerät: the provider of the old jar\n\n"
                + "  \t" + legacy + "  # trailing comment, blanks around\n" + legacy + "\n   \n#"
                + TestProviders.Counted.class.getName() + "\n");
        assertEquals(List.of(legacy), DeprecatedServiceFiles.classNames(file.toUri().toURL()));
    }

    @Test
    void aLineThatIsNotAClassNameIsRefusedWithItsNumber() throws Exception {
        Path file = write(dir, DEPRECATED, "# a comment\norg.example.Has Blank\n");
        KeyStorageException e = assertThrows(KeyStorageException.class,
                () -> DeprecatedServiceFiles.classNames(file.toUri().toURL()));
        assertEquals(ErrorKind.QUERY_FAILED, e.kind());
        assertTrue(e.getMessage().contains("line 2: 'org.example.Has Blank' is not a class name"), e.getMessage());
    }

    @Test
    void aProviderListedUnderBothNamesIsMadeOnce() throws Exception {
        write(dir, CURRENT, TestProviders.Counted.class.getName() + "\n");
        write(dir, DEPRECATED, TestProviders.Counted.class.getName() + "\n" + TestProviders.Counted.class.getName());
        TestProviders.Counted.MADE.set(0);
        try (URLClassLoader loader = loader(dir)) {
            assertInstanceOf(TestProviders.Counted.class, KeyStorageProviders.find(loader).get("counted-test"));
        }
        assertEquals(1, TestProviders.Counted.MADE.get());
    }

    @Test
    void underTheDeprecatedNameTheFirstOnTheClassPathWinsAName() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        write(a, DEPRECATED, TestProviders.SameNameA.class.getName());
        write(b, DEPRECATED, TestProviders.SameNameB.class.getName());
        assertInstanceOf(TestProviders.SameNameA.class, sameName(a, b));
        assertInstanceOf(TestProviders.SameNameB.class, sameName(b, a));
    }

    @Test
    void theCurrentNameWinsANameOverTheDeprecatedOneWhereverItIsOnTheClassPath() throws Exception {
        Path old = dir.resolve("old");
        Path current = dir.resolve("current");
        write(old, DEPRECATED, TestProviders.SameNameA.class.getName());
        write(current, CURRENT, TestProviders.SameNameB.class.getName());
        assertInstanceOf(TestProviders.SameNameB.class, sameName(old, current));
    }

    @Test
    void aDeprecatedEntryThatIsNotAProviderIsRefusedNamingTheFile() throws Exception {
        Path file = write(dir, DEPRECATED, TestProviders.NotAProvider.class.getName());
        KeyStorageException e = unloadable(dir, TestProviders.NotAProvider.class.getName());
        assertTrue(e.getMessage().startsWith(file.toUri().toURL() + " lists " + TestProviders.NotAProvider.class
                .getName() + ", which does not implement org.dsreg.spi.keystorage.KeyStorageProvider"), e.getMessage());
    }

    @Test
    void aDeprecatedEntryNotOnTheClassPathIsRefused() throws Exception {
        write(dir, DEPRECATED, "com.example.gone.GoneProvider");
        assertTrue(unloadable(dir, "com.example.gone.GoneProvider").getMessage().endsWith(" lists com.example.gone.GoneProvider, which is not on the"
                + " class path"));
    }

    @Test
    void aBackendCompiledAgainstTheOldPackageIsRefusedWithWhatToRebuild() throws Exception {
        Path classes = dir.resolve("classes");
        OldSpiBackend.compileInto(classes, dir.resolve("build"));
        write(classes, DEPRECATED, OldSpiBackend.PROVIDER + "\n");
        String message = unloadable(classes, OldSpiBackend.PROVIDER).getMessage();
        assertTrue(message.contains(" lists " + OldSpiBackend.PROVIDER + ", which cannot be loaded (it needs"
                + " org/dsreg/port/out/KeyStorageProvider)"), message);
        assertTrue(message.contains("must be rebuilt against org.dsreg.spi.keystorage"), message);
    }

    @Test
    void aProviderThatFailsAsItIsMadeIsRefusedWithItsReason() throws Exception {
        write(dir, DEPRECATED, TestProviders.Failing.class.getName());
        assertTrue(unloadable(dir, TestProviders.Failing.class.getName()).getMessage().endsWith("failed as it was made: the HSM library is missing"));
    }

    @Test
    void aProviderWhoseClassFailsToInitialiseIsUnusableWithoutAJavaNameForItsReason() throws Exception {
        write(dir, DEPRECATED, TestProviders.FailsToInitialise.class.getName());
        String message = unloadable(dir, TestProviders.FailsToInitialise.class.getName()).getMessage();
        assertTrue(message.endsWith(" cannot be made: it gave no reason"), message);
    }

    @Test
    void aCurrentEntryThatIsNotAProviderIsRefusedToo() throws Exception {
        write(dir, CURRENT, TestProviders.NotAProvider.class.getName());
        assertTrue(refused(dir).getMessage().startsWith("a key-storage backend on the class path cannot be loaded: "));
    }

    /** The provider named {@code same-name} that wins with this class path. */
    private static KeyStorageProvider sameName(Path... classPath) throws Exception {
        try (URLClassLoader loader = loader(classPath)) {
            return KeyStorageProviders.find(loader).get("same-name");
        }
    }

    /**
     * A deprecated entry that cannot be loaded costs its own backend only: the others (the built-ins) are found,
     * it is listed under its class name as unusable with the reason, and asking for it is refused with that reason.
     */
    private static KeyStorageException unloadable(Path classPathDir, String className) throws Exception {
        try (URLClassLoader loader = loader(classPathDir)) {
            Map<String, KeyStorageProvider> found = KeyStorageProviders.find(loader);
            assertInstanceOf(KeyStorageProvider.class, found.get("software"));
            KeyStorageProvider stale = found.get(className);
            assertInstanceOf(UnloadableProvider.class, stale, found.toString());
            KeyStorageException e = assertThrows(KeyStorageException.class, () -> stale.open(null));
            assertEquals(ErrorKind.QUERY_FAILED, e.kind());
            Availability probed = stale.probe(null);
            assertEquals(new Availability.Unusable(e.getMessage()), probed);
            return e;
        }
    }

    private static KeyStorageException refused(Path classPathDir) throws Exception {
        try (URLClassLoader loader = loader(classPathDir)) {
            KeyStorageException e = assertThrows(KeyStorageException.class, () -> KeyStorageProviders.find(loader));
            assertEquals(ErrorKind.QUERY_FAILED, e.kind());
            return e;
        }
    }
}
