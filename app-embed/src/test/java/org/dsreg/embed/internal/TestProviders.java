package org.dsreg.embed.internal;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.dsreg.spi.keystorage.Availability;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageCapability;
import org.dsreg.spi.keystorage.KeyStorageContext;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.KeyStorageProvider;

/** Providers that the service files of {@link KeyStorageProvidersTest} list; none opens a storage. */
public final class TestProviders {
    private TestProviders() {
    }

    /** A provider of the given name. */
    public abstract static class Named implements KeyStorageProvider {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return getClass().getSimpleName();
        }

        @Override
        public Set<KeyStorageCapability> capabilities() {
            return Set.of();
        }

        @Override
        public Availability probe(KeyStorageContext context) {
            return new Availability.Usable(getClass().getSimpleName());
        }

        @Override
        public KeyStorage open(KeyStorageContext context) {
            throw new KeyStorageException("a test provider opens nothing");
        }
    }

    /** A backend registered under the deprecated service name only. */
    public static final class Legacy extends Named {
        public Legacy() {
            super("legacy-test");
        }
    }

    /** Counts how often it is made. */
    public static final class Counted extends Named {
        static final AtomicInteger MADE = new AtomicInteger();

        public Counted() {
            super("counted-test");
            MADE.incrementAndGet();
        }
    }

    /** One of two providers of the same name. */
    public static final class SameNameA extends Named {
        public SameNameA() {
            super("same-name");
        }
    }

    /** The other of two providers of the same name. */
    public static final class SameNameB extends Named {
        public SameNameB() {
            super("same-name");
        }
    }

    /** A provider that cannot be made. */
    public static final class Failing extends Named {
        public Failing() {
            super("failing-test");
            throw new IllegalStateException("the HSM library is missing");
        }
    }

    /** Fails as its class is initialised (a native library it loads is missing), with no message. */
    public static final class FailsToInitialise extends Named {
        static {
            if (Boolean.parseBoolean("true")) {
                throw new IllegalStateException();
            }
        }

        public FailsToInitialise() {
            super("fails-to-initialise-test");
        }
    }

    /** Listed as a provider, but not one. */
    public static final class NotAProvider {
    }
}
