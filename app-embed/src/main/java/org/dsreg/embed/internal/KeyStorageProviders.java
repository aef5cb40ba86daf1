package org.dsreg.embed.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.KeyStorageProvider;

/**
 * The key-storage providers a class loader sees, by name: those registered under the current service name
 * ({@code META-INF/services/org.dsreg.spi.keystorage.KeyStorageProvider}, through {@link ServiceLoader}),
 * then those registered only under the deprecated one ({@link DeprecatedServiceFiles}). A class listed under
 * both names, or twice, is made once. Among providers of the same name the first wins: under the current
 * service name before the deprecated one, and within one service name the first on the class path.
 * A provider under the current name that cannot be loaded is a {@link KeyStorageException} (exit 3) naming it;
 * one under the deprecated name is an {@link UnloadableProvider}: listed as unusable, with the reason.
 */
final class KeyStorageProviders {
    private KeyStorageProviders() {
    }

    static Map<String, KeyStorageProvider> find(ClassLoader loader) {
        Map<String, KeyStorageProvider> byName = new LinkedHashMap<>();
        Set<Class<?>> made = new HashSet<>();
        try {
            for (ServiceLoader.Provider<KeyStorageProvider> p
                    : ServiceLoader.load(KeyStorageProvider.class, loader).stream().toList()) {
                if (made.add(p.type())) {
                    add(byName, p.get());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new KeyStorageException("a key-storage backend on the class path cannot be loaded: "
                    + e.getMessage(), e);
        }
        for (DeprecatedServiceFiles.Listed entry : DeprecatedServiceFiles.listed(loader)) {
            try {
                Class<? extends KeyStorageProvider> type = DeprecatedServiceFiles.load(loader, entry);
                if (made.add(type)) {
                    add(byName, instance(type));
                }
            } catch (KeyStorageException e) {
                // a stale backend of an earlier release costs its own entry, not every action
                add(byName, new UnloadableProvider(entry.className(), e));
            }
        }
        return byName;
    }

    private static void add(Map<String, KeyStorageProvider> byName, KeyStorageProvider provider) {
        byName.putIfAbsent(provider.name(), provider);
    }

    /** A failure's message (never a Java class name in its place: those are for --debug). */
    private static String reason(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : "it gave no reason";
    }

    private static KeyStorageProvider instance(Class<? extends KeyStorageProvider> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new KeyStorageException("the key-storage backend " + type.getName() + " failed as it was made: "
                    + reason(e.getCause()), e.getCause());
        } catch (LinkageError e) {
            throw new KeyStorageException("the key-storage backend " + type.getName() + " cannot be made: "
                    + reason(e), e);
        } catch (ReflectiveOperationException e) {
            throw new KeyStorageException("the key-storage backend " + type.getName()
                    + " has no public constructor without arguments in a public class", e);
        }
    }
}
