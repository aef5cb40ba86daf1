package org.dsreg.testkit.drs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives every test a fresh {@link DrsEmulator}, started in a new temporary directory
 * before each test and closed (and the directory deleted) after it. Test methods and {@code @BeforeEach} /
 * {@code @AfterEach} methods receive it as a {@code DrsEmulator} parameter; within one test they all get the same
 * instance.
 *
 * <pre>
 * &#64;ExtendWith(DrsEmulatorExtension.class)
 * class JoinIT {
 *     &#64;Test
 *     void joins(DrsEmulator drs) { ... drs.baseUrl() ... }
 * }
 *
 * // or, with settings:
 * &#64;RegisterExtension
 * static DrsEmulatorExtension drs = new DrsEmulatorExtension(b -&gt; b.pendingPolls(3).requireNonce(true));
 * </pre>
 */
public final class DrsEmulatorExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DrsEmulatorExtension.class);
    private static final String KEY = "emulator";

    private final Consumer<DrsEmulatorBuilder> settings;

    /** An extension starting emulators with the default settings. */
    public DrsEmulatorExtension() {
        this(b -> { });
    }

    /**
     * An extension starting emulators with custom settings.
     *
     * @param settings applied to a fresh {@link DrsEmulator#builder()} before each test
     */
    public DrsEmulatorExtension(Consumer<DrsEmulatorBuilder> settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Starts the test's emulator.
     *
     * @param context the test's context
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        running(context);
    }

    /**
     * Closes the test's emulator and deletes its directory.
     *
     * @param context the test's context
     */
    @Override
    public void afterEach(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).remove(KEY, Running.class);
        if (running != null) {
            running.close();
        }
    }

    /**
     * Whether the parameter is a {@link DrsEmulator} of a test or lifecycle method.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return true for {@code DrsEmulator} parameters of methods
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == DrsEmulator.class;
    }

    /**
     * The test's emulator.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return the running emulator of the current test
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getDeclaringExecutable() instanceof Constructor<?>) {
            throw new ParameterResolutionException("DrsEmulator is given per test: declare it as a parameter of"
                    + " the test method or of a @BeforeEach/@AfterEach method, not of the constructor");
        }
        if (extensionContext.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("DrsEmulator is given per test, not to class-level methods");
        }
        return running(extensionContext).emulator;
    }

    private Running running(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> start(), Running.class);
    }

    private Running start() {
        try {
            Path dir = Files.createTempDirectory("drs-emulator-");
            DrsEmulatorBuilder builder = DrsEmulator.builder();
            settings.accept(builder);
            try {
                return new Running(builder.start(dir), dir);
            } catch (RuntimeException e) {
                delete(dir);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the DRS emulator", e);
        }
    }

    /** An emulator and its directory; closed by JUnit at the latest when the test's context ends. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final DrsEmulator emulator;
        final Path dir;

        Running(DrsEmulator emulator, Path dir) {
            this.emulator = emulator;
            this.dir = dir;
        }

        @Override
        public void close() {
            emulator.close();
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
