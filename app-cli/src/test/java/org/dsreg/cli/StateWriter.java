package org.dsreg.cli;

import dagger.Component;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.dsreg.adapter.linux.LinuxAdapterModule;
import org.dsreg.adapter.linux.SoftwareKeyStorageProvider;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StagedIdentities;

/**
 * dsreg's state written as a join writes it, for tests that need a registered device without a DRS: the
 * registration store (and replacement records) of the Linux adapters, reached through their Dagger module and the port (their classes are
 * package-private), and the {@code software} key storage through its SPI provider.
 */
@Component(modules = LinuxAdapterModule.class)
interface StateWriter {
    RegistrationStore registrations();

    /** The replacement records ({@code replacements/}), as {@code --repair} and {@code --rekey} write them. */
    StagedIdentities staged();

    /** The state below {@code root}, in {@code stateDir}. No bus is reached: none is asked for. */
    static StateWriter at(Path root, Path stateDir) {
        return DaggerStateWriter.factory().create(new LinuxAdapterModule(root, stateDir, Optional.empty(),
                "unix:path=" + root.resolveSibling("no-system-bus"), Duration.ofSeconds(1)));
    }

    /** The {@code software} key storage of this state directory, opened as dsreg opens it. */
    static KeyStorage softwareKeys(Path stateDir) {
        return new SoftwareKeyStorageProvider().open(new KeyStorageContext(stateDir.resolve("keys/software"),
                Map.of()));
    }

    @Component.Factory
    interface Factory {
        StateWriter create(LinuxAdapterModule linux);
    }
}
