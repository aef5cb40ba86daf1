package org.dsreg.embed.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.dsreg.embed.DsregSettings;
import org.dsreg.port.out.KeyStorages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry dsreg uses lists a backend of the deprecated service name beside the built-ins. */
class ServiceLoaderKeyStoragesTest {
    @TempDir
    Path dir;

    @Test
    void aDeprecatedBackendIsListedAndFoundBesideTheBuiltIns() throws Exception {
        ServiceFiles.write(dir.resolve("cp"), ServiceFiles.DEPRECATED, TestProviders.Legacy.class.getName());
        try (URLClassLoader loader = ServiceFiles.loader(dir.resolve("cp"));
             ServiceLoaderKeyStorages storages = new ServiceLoaderKeyStorages(
                     DsregSettings.defaults().withStateDir(dir.resolve("state")), loader)) {
            assertTrue(storages.names().containsAll(List.of("legacy-test", "software", "tpm")), storages.names()
                    .toString());
            KeyStorages.Backend legacy = storages.backends().stream().filter(b -> b.name().equals("legacy-test"))
                    .findFirst().orElseThrow();
            assertEquals("Legacy", legacy.description());
        }
    }
}
