package org.dsreg.embed.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.dsreg.embed.DsregSettings;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.KeyStorageProvider;
import org.dsreg.spi.state.StateTree;

/**
 * The key-storage backends on the class path, found by {@link KeyStorageProviders} (the built-ins
 * too; under the current service name and the deprecated one), each given {@code <state>/keys/<name>}
 * and its options. Storages are opened on first use and closed with dsreg.
 */
@Singleton
final class ServiceLoaderKeyStorages implements KeyStorages, AutoCloseable {
    static final String TPM = "tpm";

    private final DsregSettings settings;
    private final ClassLoader loader;
    private final Map<String, KeyStorage> open = new ConcurrentHashMap<>();
    private Map<String, KeyStorageProvider> providers;

    @Inject
    ServiceLoaderKeyStorages(DsregSettings settings) {
        this(settings, ServiceLoaderKeyStorages.class.getClassLoader());
    }

    /** The backends {@code loader} sees (tests give a loader with service files of their own). */
    ServiceLoaderKeyStorages(DsregSettings settings, ClassLoader loader) {
        this.settings = settings;
        this.loader = loader;
    }

    private synchronized Map<String, KeyStorageProvider> providers() {
        if (providers == null) {
            providers = KeyStorageProviders.find(loader);
        }
        return providers;
    }

    KeyStorageContext context(String name) {
        Path dir = settings.stateDir().resolve("keys").resolve(name);
        Map<String, String> options = TPM.equals(name) && settings.tpmTcti().isPresent()
                ? Map.of("tcti", settings.tpmTcti().get()) : Map.of();
        return new KeyStorageContext(dir, options, StateTree.linkFreeTop(settings.root(), settings.stateDir()));
    }

    @Override
    public Optional<KeyStorage> find(String name) {
        KeyStorageProvider provider = providers().get(name);
        if (provider == null) {
            return Optional.empty();
        }
        return Optional.of(open.computeIfAbsent(name, n -> provider.open(context(n))));
    }

    @Override
    public Set<String> names() {
        return new TreeSet<>(providers().keySet());
    }

    @Override
    public Set<KeyStorageCapability> capabilities(String name) {
        KeyStorageProvider provider = providers().get(name);
        return provider == null ? Set.of() : Set.copyOf(provider.capabilities());
    }

    @Override
    public List<Backend> backends() {
        List<Backend> list = new ArrayList<>();
        for (KeyStorageProvider p : providers().values()) {
            Availability a;
            try {
                a = p.probe(context(p.name()));
            } catch (KeyStorageException | LinkageError e) {
                a = new Availability.Unusable(e.getMessage());
            }
            list.add(new Backend(p.name(), p.description(), p.capabilities(), a));
        }
        list.sort(java.util.Comparator.comparing(Backend::name));
        return list;
    }

    @Override
    public void close() {
        open.values().forEach(KeyStorage::close);
        open.clear();
    }
}
