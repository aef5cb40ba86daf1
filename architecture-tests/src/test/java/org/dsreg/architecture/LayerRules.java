package org.dsreg.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * dsreg's layering (ARCHITECTURE.md) as ArchUnit rules, over production classes.
 *
 * <p>Packages mirror modules:
 * <ul>
 *   <li>{@code domain}: the pure model; the JDK only, and it never reads the system clock (time
 *       comes in from outside);</li>
 *   <li>{@code spi}: what a key-storage backend sees ({@code spi.keystorage}, {@code spi.state}); the
 *       domain and the JDK only;</li>
 *   <li>{@code port.in}, {@code port.out}: the SPI, the domain and the JDK only (and each other: they
 *       are one module, though today neither names the other);</li>
 *   <li>{@code application}: implements {@code port.in} with {@code port.out}; ports, SPI, domain and
 *       JDK only, hence no framework at all (Dagger, javax/jakarta.inject, Jackson, OkHttp, JNA,
 *       dbus-java, picocli, BouncyCastle, SLF4J);</li>
 *   <li>{@code adapter.linux}, {@code adapter.tpm}, {@code adapter.drs}: never one another, nor
 *       {@code application}, {@code embed} or {@code cli};</li>
 *   <li>{@code embed}, {@code embed.internal}: the embedding facade and its Dagger component; the public
 *       signatures of {@code embed} use only its own types, the SPI's, the domain's and the JDK's;</li>
 *   <li>{@code cli}: the only user of picocli, of the standard streams, and ({@code cli.Main}
 *       alone) of {@code System.exit};</li>
 *   <li>{@code testkit}: test support, which no production class may depend on.</li>
 * </ul>
 * and each third-party library is confined to the layers that need it (see the constants).
 * Jackson is allowed in {@code adapter.linux} and {@code cli} as well as {@code adapter.drs} and
 * {@code testkit}: the D-Bus broker replies and the registration files are JSON, a deliberate
 * widening of ARCHITECTURE.md.
 *
 * <p>The constants are the rules for the production root {@value #PRODUCTION_ROOT}.
 * {@link #forRoot(String)} builds the same rules for another root package, so that fixture
 * classes in packages such as {@code <root>.domain} can prove that every rule is able to fail.
 * {@link #all()} names every rule by its constant's name.
 *
 * <p>None of the rules calls {@code allowEmptyShould(true)}: each rule's subject (the classes it
 * constrains) is a layer that has classes, or "every class outside some layers"; adapter
 * independence is a slice rule over whichever adapters have classes. So
 * ArchUnit's {@code failOnEmptyShould} stays on everywhere, and a rule whose subject matches
 * nothing (a moved package, a typo) fails instead of passing vacuously.
 *
 * <p>Dagger-generated classes ({@code Dagger*}, {@code *_Factory}, {@code *_MembersInjector})
 * are not excluded: they live in the adapter and embed packages, where everything they
 * reference is allowed, so excluding them would only weaken the rules.
 */
public final class LayerRules {

    /** The root package of dsreg's production classes. */
    public static final String PRODUCTION_ROOT = "org.dsreg";

    /**
     * The packages of the Java SE API: those exported to everyone by the {@code java.*} modules of
     * the running JDK. This is what "the JDK" means for {@code domain} and the ports. It includes
     * {@code javax.security.auth.x500} and the like, but not {@code javax.inject}, which is named
     * {@code javax} without being part of the JDK.
     */
    static final Set<String> JAVA_SE_PACKAGES = ModuleFinder.ofSystem().findAll().stream()
            .map(ModuleReference::descriptor)
            .filter(module -> module.name().startsWith("java."))
            .flatMap(module -> module.exports().stream())
            .filter(export -> !export.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toUnmodifiableSet());

    private static final DescribedPredicate<JavaClass> JAVA_SE_API = describe("are part of the Java SE API",
            javaClass -> {
                JavaClass type = javaClass.getBaseComponentType();
                return type.isPrimitive() || JAVA_SE_PACKAGES.contains(type.getPackageName());
            });

    private static final DescribedPredicate<JavaAccess<?>> READS_THE_SYSTEM_CLOCK = describe(
            "the target reads the system clock (java.time now() without a Clock, Clock.system*(), Clock.tick*(ZoneId), "
                    + "InstantSource.system(), System.currentTimeMillis(), System.nanoTime(), new Date())",
            LayerRules::readsTheSystemClock);

    private static final DescribedPredicate<JavaClass> KEY_STORAGE_PROVIDER = describe(
            "implement a KeyStorageProvider", javaClass -> javaClass.getAllRawInterfaces().stream()
                    .anyMatch(type -> type.getSimpleName().equals("KeyStorageProvider")));

    private static final DescribedPredicate<JavaAccess<?>> EXITS_THE_JVM = describe(
            "the target exits the JVM (System.exit, Runtime.exit, Runtime.halt)",
            access -> targets(access, System.class, "exit")
                    || targets(access, Runtime.class, "exit")
                    || targets(access, Runtime.class, "halt"));

    // Declared after the predicates above, which building the rules needs initialised.
    private static final LayerRules PRODUCTION = forRoot(PRODUCTION_ROOT);

    /** {@code domain} depends on nothing but itself and the Java SE API. */
    public static final ArchRule DOMAIN_DEPENDS_ONLY_ON_JDK = PRODUCTION.domainDependsOnlyOnJdk();

    /**
     * {@code domain} never reads the system clock: no {@code Instant.now()}, {@code Clock.systemUTC()},
     * {@code System.currentTimeMillis()} and the like, called or referenced ({@code Instant::now}).
     */
    public static final ArchRule DOMAIN_DOES_NOT_READ_THE_SYSTEM_CLOCK = PRODUCTION.domainDoesNotReadTheSystemClock();

    /** {@code port.in} and {@code port.out} depend on nothing but ports, the SPI, the domain and the Java SE API. */
    public static final ArchRule PORTS_DEPEND_ONLY_ON_DOMAIN_AND_JDK = PRODUCTION.portsDependOnlyOnDomainAndJdk();

    /**
     * The key-storage SPI ({@code spi..}: what a backend author compiles against) depends on nothing but itself,
     * the domain and the Java SE API: never on dsreg's ports, application or adapters, which may change.
     */
    public static final ArchRule SPI_DEPENDS_ONLY_ON_DOMAIN_AND_JDK = PRODUCTION.spiDependsOnlyOnDomainAndJdk();

    /** {@code application} depends on nothing but itself, ports, the SPI, the domain and the Java SE API. */
    public static final ArchRule APPLICATION_DEPENDS_ONLY_ON_PORTS_DOMAIN_AND_JDK =
            PRODUCTION.applicationDependsOnlyOnPortsDomainAndJdk();

    /** No adapter depends on another adapter. */
    public static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = PRODUCTION.adaptersDoNotDependOnEachOther();

    /** Adapters never depend on {@code application}, {@code embed} or {@code cli}. */
    public static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_APPLICATION_EMBED_OR_CLI =
            PRODUCTION.adaptersDoNotDependOnApplicationEmbedOrCli();

    /**
     * The public signatures (supertypes, public constructors, methods, fields, record components, type arguments
     * included) of the public classes of {@code embed} use only the types of {@code embed} itself, the SPI, the
     * domain and the Java SE API: an embedder never sees a port, so the ports may change.
     */
    public static final ArchRule EMBED_PUBLIC_SIGNATURES_USE_ONLY_EMBED_SPI_DOMAIN_AND_JDK =
            PRODUCTION.embedPublicSignaturesUseOnlyEmbedSpiDomainAndJdk();

    /**
     * Adapter classes are not public, except Dagger {@code @Module} classes (how a component takes an adapter in,
     * configuration included) and implementations of an interface named {@code KeyStorageProvider} (ServiceLoader
     * needs a public class with a public no-arg constructor; matched by simple name, wherever the SPI lives).
     * Dagger's generated code ({@code @DaggerGenerated}: factories the component calls from its own package) is
     * public by necessity and not ours.
     */
    public static final ArchRule ADAPTERS_EXPOSE_ONLY_MODULES_AND_PROVIDERS =
            PRODUCTION.adaptersExposeOnlyModulesAndProviders();

    /** No production class outside {@code testkit} depends on {@code testkit}. */
    public static final ArchRule PRODUCTION_CODE_DOES_NOT_DEPEND_ON_TESTKIT =
            PRODUCTION.productionCodeDoesNotDependOnTestkit();

    /** picocli ({@code picocli..}) only in {@code cli}. */
    public static final ArchRule PICOCLI_ONLY_IN_CLI = PRODUCTION.picocliOnlyInCli();

    /** JNA ({@code com.sun.jna..}) only in {@code adapter.tpm}. */
    public static final ArchRule JNA_ONLY_IN_TPM_ADAPTER = PRODUCTION.jnaOnlyInTpmAdapter();

    /** OkHttp and okio ({@code okhttp3..}, {@code okio..}) only in {@code adapter.drs} and {@code testkit}. */
    public static final ArchRule OKHTTP_ONLY_IN_DRS_ADAPTER_AND_TESTKIT = PRODUCTION.okHttpOnlyInDrsAdapterAndTestkit();

    /** BouncyCastle ({@code org.bouncycastle..}) only in {@code adapter.drs} and {@code testkit}. */
    public static final ArchRule BOUNCYCASTLE_ONLY_IN_DRS_ADAPTER_AND_TESTKIT =
            PRODUCTION.bouncyCastleOnlyInDrsAdapterAndTestkit();

    /**
     * Jackson ({@code com.fasterxml.jackson..}) only in {@code adapter.linux}, {@code adapter.drs},
     * {@code cli} and {@code testkit}.
     */
    public static final ArchRule JACKSON_ONLY_IN_LINUX_DRS_CLI_AND_TESTKIT =
            PRODUCTION.jacksonOnlyInLinuxDrsCliAndTestkit();

    /** dbus-java ({@code org.freedesktop..}) only in {@code adapter.linux} and {@code testkit}. */
    public static final ArchRule DBUS_ONLY_IN_LINUX_ADAPTER_AND_TESTKIT = PRODUCTION.dbusOnlyInLinuxAdapterAndTestkit();

    /** Dagger, {@code javax.inject} and {@code jakarta.inject} only in the adapters and {@code embed}. */
    public static final ArchRule DEPENDENCY_INJECTION_ONLY_IN_ADAPTERS_AND_EMBED =
            PRODUCTION.dependencyInjectionOnlyInAdaptersAndEmbed();

    /** Only {@code cli.Main} exits the JVM ({@code System.exit}, {@code Runtime.exit}, {@code Runtime.halt}). */
    public static final ArchRule ONLY_MAIN_EXITS_THE_JVM = PRODUCTION.onlyMainExitsTheJvm();

    /** Only {@code cli} touches {@code System.out} and {@code System.err}. */
    public static final ArchRule STANDARD_STREAMS_ONLY_IN_CLI = PRODUCTION.standardStreamsOnlyInCli();

    private final String root;

    private LayerRules(String root) {
        this.root = root;
    }

    /**
     * The rules for the classes under {@code root}: {@code forRoot("org.dsreg")} constrains
     * {@code org.dsreg.domain..}, {@code org.dsreg.cli.Main} and so on.
     */
    public static LayerRules forRoot(String root) {
        if (root == null || root.isBlank() || root.endsWith(".")) {
            throw new IllegalArgumentException("not a root package: " + root);
        }
        return new LayerRules(root);
    }

    /** Every rule for this root, keyed by the name of its production constant, in declaration order. */
    public Map<String, ArchRule> all() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("DOMAIN_DEPENDS_ONLY_ON_JDK", domainDependsOnlyOnJdk());
        rules.put("DOMAIN_DOES_NOT_READ_THE_SYSTEM_CLOCK", domainDoesNotReadTheSystemClock());
        rules.put("PORTS_DEPEND_ONLY_ON_DOMAIN_AND_JDK", portsDependOnlyOnDomainAndJdk());
        rules.put("SPI_DEPENDS_ONLY_ON_DOMAIN_AND_JDK", spiDependsOnlyOnDomainAndJdk());
        rules.put("APPLICATION_DEPENDS_ONLY_ON_PORTS_DOMAIN_AND_JDK", applicationDependsOnlyOnPortsDomainAndJdk());
        rules.put("ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER", adaptersDoNotDependOnEachOther());
        rules.put("ADAPTERS_DO_NOT_DEPEND_ON_APPLICATION_EMBED_OR_CLI", adaptersDoNotDependOnApplicationEmbedOrCli());
        rules.put("EMBED_PUBLIC_SIGNATURES_USE_ONLY_EMBED_SPI_DOMAIN_AND_JDK",
                embedPublicSignaturesUseOnlyEmbedSpiDomainAndJdk());
        rules.put("ADAPTERS_EXPOSE_ONLY_MODULES_AND_PROVIDERS", adaptersExposeOnlyModulesAndProviders());
        rules.put("PRODUCTION_CODE_DOES_NOT_DEPEND_ON_TESTKIT", productionCodeDoesNotDependOnTestkit());
        rules.put("PICOCLI_ONLY_IN_CLI", picocliOnlyInCli());
        rules.put("JNA_ONLY_IN_TPM_ADAPTER", jnaOnlyInTpmAdapter());
        rules.put("OKHTTP_ONLY_IN_DRS_ADAPTER_AND_TESTKIT", okHttpOnlyInDrsAdapterAndTestkit());
        rules.put("BOUNCYCASTLE_ONLY_IN_DRS_ADAPTER_AND_TESTKIT", bouncyCastleOnlyInDrsAdapterAndTestkit());
        rules.put("JACKSON_ONLY_IN_LINUX_DRS_CLI_AND_TESTKIT", jacksonOnlyInLinuxDrsCliAndTestkit());
        rules.put("DBUS_ONLY_IN_LINUX_ADAPTER_AND_TESTKIT", dbusOnlyInLinuxAdapterAndTestkit());
        rules.put("DEPENDENCY_INJECTION_ONLY_IN_ADAPTERS_AND_EMBED", dependencyInjectionOnlyInAdaptersAndEmbed());
        rules.put("ONLY_MAIN_EXITS_THE_JVM", onlyMainExitsTheJvm());
        rules.put("STANDARD_STREAMS_ONLY_IN_CLI", standardStreamsOnlyInCli());
        return Collections.unmodifiableMap(rules);
    }

    /** See {@link #DOMAIN_DEPENDS_ONLY_ON_JDK}. */
    public ArchRule domainDependsOnlyOnJdk() {
        return classes().that().resideInAPackage(layer("domain"))
                .should().onlyDependOnClassesThat(resideInAnyPackage(layer("domain")).or(JAVA_SE_API))
                .because("the domain is the pure model and may use the JDK only");
    }

    /** See {@link #DOMAIN_DOES_NOT_READ_THE_SYSTEM_CLOCK}. */
    public ArchRule domainDoesNotReadTheSystemClock() {
        return noClasses().that().resideInAPackage(layer("domain"))
                .should().accessTargetWhere(READS_THE_SYSTEM_CLOCK)
                .because("time comes into the domain from outside (an Instant or a Clock), so it stays testable");
    }

    /** See {@link #PORTS_DEPEND_ONLY_ON_DOMAIN_AND_JDK}. */
    public ArchRule portsDependOnlyOnDomainAndJdk() {
        return classes().that().resideInAnyPackage(layer("port.in"), layer("port.out"))
                .should().onlyDependOnClassesThat(
                        resideInAnyPackage(layer("port.in"), layer("port.out"), layer("spi"), layer("domain"))
                                .or(JAVA_SE_API))
                .because("ports are plain interfaces over the domain (and the key-storage SPI)");
    }

    /** See {@link #SPI_DEPENDS_ONLY_ON_DOMAIN_AND_JDK}. */
    public ArchRule spiDependsOnlyOnDomainAndJdk() {
        return classes().that().resideInAPackage(layer("spi"))
                .should().onlyDependOnClassesThat(resideInAnyPackage(layer("spi"), layer("domain")).or(JAVA_SE_API))
                .because("backend authors compile against the SPI alone; it must not drag dsreg's internals along");
    }

    /** See {@link #APPLICATION_DEPENDS_ONLY_ON_PORTS_DOMAIN_AND_JDK}. */
    public ArchRule applicationDependsOnlyOnPortsDomainAndJdk() {
        return classes().that().resideInAPackage(layer("application"))
                .should().onlyDependOnClassesThat(resideInAnyPackage(layer("application"), layer("port.in"),
                        layer("port.out"), layer("spi"), layer("domain")).or(JAVA_SE_API))
                .because("the application implements port.in with port.out (and the SPI) only, free of any framework");
    }

    /** See {@link #ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER}. */
    public ArchRule adaptersDoNotDependOnEachOther() {
        return slices().matching(root + ".adapter.(*)..")
                .should().notDependOnEachOther()
                .because("each adapter stands alone behind the ports");
    }

    /** See {@link #ADAPTERS_DO_NOT_DEPEND_ON_APPLICATION_EMBED_OR_CLI}. */
    public ArchRule adaptersDoNotDependOnApplicationEmbedOrCli() {
        return noClasses().that().resideInAPackage(layer("adapter"))
                .should().dependOnClassesThat(resideInAnyPackage(layer("application"), layer("embed"), layer("cli")))
                .because("adapters implement ports and know nothing of what drives them");
    }

    /** See {@link #EMBED_PUBLIC_SIGNATURES_USE_ONLY_EMBED_SPI_DOMAIN_AND_JDK}. */
    public ArchRule embedPublicSignaturesUseOnlyEmbedSpiDomainAndJdk() {
        String embed = root + ".embed";
        DescribedPredicate<JavaClass> allowed = describe("are in " + embed + " (not below it), "
                + layer("spi") + ", " + layer("domain") + " or the Java SE API", type -> embed.equals(
                        type.getBaseComponentType().getPackageName())
                        || resideInAnyPackage(layer("spi"), layer("domain")).test(type) || JAVA_SE_API.test(type));
        return classes().that().resideInAPackage(embed).and().arePublic()
                .should(new PublicSignatures(allowed))
                .because("embedders speak the embedding API's own types and domain values, never a port, so that"
                        + " the ports may change without breaking them");
    }

    /** See {@link #ADAPTERS_EXPOSE_ONLY_MODULES_AND_PROVIDERS}. */
    public ArchRule adaptersExposeOnlyModulesAndProviders() {
        return classes().that().resideInAPackage(layer("adapter"))
                .and().areNotAnnotatedWith("dagger.Module")
                .and().areNotAnnotatedWith("dagger.internal.DaggerGenerated")
                .and(DescribedPredicate.not(KEY_STORAGE_PROVIDER))
                .should().notBePublic()
                .because("an adapter is reached through its Dagger module or its key-storage provider, "
                        + "everything else stays inside its package");
    }

    /** See {@link #PRODUCTION_CODE_DOES_NOT_DEPEND_ON_TESTKIT}. */
    public ArchRule productionCodeDoesNotDependOnTestkit() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(layer("testkit"))
                .should().dependOnClassesThat(resideInAnyPackage(layer("testkit")))
                .because("the testkit is test support, never shipped behaviour");
    }

    /** See {@link #PICOCLI_ONLY_IN_CLI}. */
    public ArchRule picocliOnlyInCli() {
        return libraryOnlyIn("picocli", List.of("picocli.."), "cli");
    }

    /** See {@link #JNA_ONLY_IN_TPM_ADAPTER}. */
    public ArchRule jnaOnlyInTpmAdapter() {
        return libraryOnlyIn("JNA", List.of("com.sun.jna.."), "adapter.tpm");
    }

    /** See {@link #OKHTTP_ONLY_IN_DRS_ADAPTER_AND_TESTKIT}. */
    public ArchRule okHttpOnlyInDrsAdapterAndTestkit() {
        return libraryOnlyIn("OkHttp/okio", List.of("okhttp3..", "okio.."), "adapter.drs", "testkit");
    }

    /** See {@link #BOUNCYCASTLE_ONLY_IN_DRS_ADAPTER_AND_TESTKIT}. */
    public ArchRule bouncyCastleOnlyInDrsAdapterAndTestkit() {
        return libraryOnlyIn("BouncyCastle", List.of("org.bouncycastle.."), "adapter.drs", "testkit");
    }

    /** See {@link #JACKSON_ONLY_IN_LINUX_DRS_CLI_AND_TESTKIT}. */
    public ArchRule jacksonOnlyInLinuxDrsCliAndTestkit() {
        return libraryOnlyIn("Jackson", List.of("com.fasterxml.jackson.."),
                "adapter.linux", "adapter.drs", "cli", "testkit");
    }

    /** See {@link #DBUS_ONLY_IN_LINUX_ADAPTER_AND_TESTKIT}. */
    public ArchRule dbusOnlyInLinuxAdapterAndTestkit() {
        return libraryOnlyIn("dbus-java", List.of("org.freedesktop.."), "adapter.linux", "testkit");
    }

    /** See {@link #DEPENDENCY_INJECTION_ONLY_IN_ADAPTERS_AND_EMBED}. */
    public ArchRule dependencyInjectionOnlyInAdaptersAndEmbed() {
        return libraryOnlyIn("Dagger/javax.inject/jakarta.inject",
                List.of("dagger..", "javax.inject..", "jakarta.inject.."), "adapter", "embed");
    }

    /** See {@link #ONLY_MAIN_EXITS_THE_JVM}. */
    public ArchRule onlyMainExitsTheJvm() {
        return noClasses().that().resideInAPackage(root + "..").and().doNotHaveFullyQualifiedName(root + ".cli.Main")
                .and(DescribedPredicate.not(testkitProgram()))
                .should().accessTargetWhere(EXITS_THE_JVM)
                .because("the exit code is decided in one place, cli.Main (and testkit's runnable *Main "
                        + "programs own theirs); an embedding program must never be shut down");
    }

    /** See {@link #STANDARD_STREAMS_ONLY_IN_CLI}. */
    public ArchRule standardStreamsOnlyInCli() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(layer("cli"))
                .and(DescribedPredicate.not(testkitProgram()))
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("only the CLI owns the terminal; an embedding program's streams are its own");
    }

    /** A runnable program of the test kit (a fake broker, the DRS emulator): {@code testkit..*Main}. */
    private DescribedPredicate<JavaClass> testkitProgram() {
        return JavaClass.Predicates.resideInAPackage(layer("testkit"))
                .and(JavaClass.Predicates.simpleNameEndingWith("Main"))
                .as("a runnable testkit program (*Main)");
    }

    /** Classes outside {@code allowedLayers} must not depend on classes in {@code libraryPackages}. */
    private ArchRule libraryOnlyIn(String library, List<String> libraryPackages, String... allowedLayers) {
        String[] allowed = Arrays.stream(allowedLayers).map(this::layer).toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(allowed)
                .should().dependOnClassesThat(resideInAnyPackage(libraryPackages.toArray(String[]::new)))
                .because(library + " belongs in " + String.join(", ", allowedLayers) + " only");
    }

    /** The package pattern of a layer and its subpackages, e.g. {@code org.dsreg.port.in..}. */
    private String layer(String name) {
        return root + "." + name + "..";
    }

    /**
     * Like ArchUnit's own {@code resideInAnyPackage}, but an array resides where its element type
     * does, so that a {@code Foo[]} counts as a dependency on {@code Foo}'s package.
     */
    private static DescribedPredicate<JavaClass> resideInAnyPackage(String... packagePatterns) {
        PackageMatchers matchers = PackageMatchers.of(packagePatterns);
        return describe("reside in any package " + Arrays.toString(packagePatterns),
                javaClass -> matchers.test(javaClass.getBaseComponentType().getPackageName()));
    }

    private static boolean readsTheSystemClock(JavaAccess<?> access) {
        if (!(access.getTarget() instanceof CodeUnitAccessTarget target)) {
            return false;
        }
        JavaClass owner = target.getOwner();
        String name = target.getName();
        boolean takesAClock = target.getRawParameterTypes().stream().anyMatch(type -> type.isAssignableTo(Clock.class));
        if (owner.getPackageName().equals("java.time") || owner.getPackageName().startsWith("java.time.")) {
            if (owner.isEquivalentTo(Clock.class)) {
                return name.startsWith("system") || name.startsWith("tick") && !takesAClock;
            }
            if (owner.isEquivalentTo(InstantSource.class)) {
                return name.equals("system");
            }
            return (name.equals("now") || name.equals("dateNow")) && !takesAClock;
        }
        if (owner.isEquivalentTo(System.class)) {
            return name.equals("currentTimeMillis") || name.equals("nanoTime");
        }
        return owner.isEquivalentTo(Date.class) && name.equals(JavaConstructor.CONSTRUCTOR_NAME)
                && target.getRawParameterTypes().isEmpty();
    }

    private static boolean targets(JavaAccess<?> access, Class<?> owner, String methodName) {
        return access.getTarget() instanceof CodeUnitAccessTarget
                && access.getTargetOwner().isEquivalentTo(owner)
                && access.getName().equals(methodName);
    }
}
