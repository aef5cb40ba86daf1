package org.dsreg.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dsreg.architecture.fixtures.application.ExitsViaMethodReference;
import org.dsreg.architecture.fixtures.application.InjectedService;
import org.dsreg.architecture.fixtures.application.LogsWithSlf4j;
import org.dsreg.architecture.fixtures.application.UsesLinuxAdapter;
import org.dsreg.architecture.fixtures.cli.ExitsOutsideMain;
import org.dsreg.architecture.fixtures.cli.InjectedCommand;
import org.dsreg.architecture.fixtures.cli.UsesOkio;
import org.dsreg.architecture.fixtures.domain.CallsClockSystemUtc;
import org.dsreg.architecture.fixtures.domain.CallsCurrentTimeMillis;
import org.dsreg.architecture.fixtures.domain.CallsInstantNow;
import org.dsreg.architecture.fixtures.domain.DependsOnPort;
import org.dsreg.architecture.fixtures.domain.InjectedEntity;
import org.dsreg.architecture.fixtures.domain.ReferencesInstantNow;
import org.dsreg.architecture.fixtures.embed.ExposesWiring;
import org.dsreg.architecture.fixtures.embed.HaltsViaRuntime;
import org.dsreg.architecture.fixtures.embed.ReturnsUseCase;
import org.dsreg.architecture.fixtures.embed.UsesJackson;
import org.dsreg.architecture.fixtures.embed.UsesPicocli;
import org.dsreg.architecture.fixtures.embed.UsesTestkit;
import org.dsreg.architecture.fixtures.embed.internal.PrintsToStderr;
import org.dsreg.architecture.fixtures.port.in.ReturnsJsonNode;
import org.dsreg.architecture.fixtures.port.out.ExposesAdapter;
import org.dsreg.architecture.fixtures.spi.SignerSeesAPort;
import org.dsreg.architecture.fixtures.testkit.PrintsAndExits;
import org.dsreg.architecture.fixtures.testkit.UsesDagger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves every {@link LayerRules} rule able to fail. The rules are built for the fixture root,
 * whose packages mimic dsreg's layers ({@code org.dsreg.architecture.fixtures.domain} plays
 * {@code org.dsreg.domain}, and so on). The fixtures are of two kinds:
 * <ul>
 *   <li>compliant ones, using what each layer is allowed to use: every rule must pass on them
 *       (so the rules do not fail for the wrong reason, and their subjects are not empty);</li>
 *   <li>violating ones, listed in {@link #VIOLATIONS} with exactly the rules each breaks: added
 *       to the compliant ones, each must make those rules fail, naming it, and no other.</li>
 * </ul>
 */
class RulesCanFailTest {

    private static final String FIXTURES = "org.dsreg.architecture.fixtures";

    private static final Map<String, ArchRule> RULES = LayerRules.forRoot(FIXTURES).all();

    /** Each violating fixture, with the rules it breaks. */
    private static final Map<Class<?>, Set<String>> VIOLATIONS = Map.ofEntries(
            entry(DependsOnPort.class, Set.of("DOMAIN_DEPENDS_ONLY_ON_JDK")),
            entry(InjectedEntity.class, Set.of("DOMAIN_DEPENDS_ONLY_ON_JDK",
                    "DEPENDENCY_INJECTION_ONLY_IN_ADAPTERS_AND_EMBED")),
            entry(CallsInstantNow.class, Set.of("DOMAIN_DOES_NOT_READ_THE_SYSTEM_CLOCK")),
            entry(CallsClockSystemUtc.class, Set.of("DOMAIN_DOES_NOT_READ_THE_SYSTEM_CLOCK")),
            entry(CallsCurrentTimeMillis.class, Set.of("DOMAIN_DOES_NOT_READ_THE_SYSTEM_CLOCK")),
            entry(ReferencesInstantNow.class, Set.of("DOMAIN_DOES_NOT_READ_THE_SYSTEM_CLOCK")),
            entry(ExposesAdapter.class, Set.of("PORTS_DEPEND_ONLY_ON_DOMAIN_AND_JDK")),
            entry(ReturnsJsonNode.class, Set.of("PORTS_DEPEND_ONLY_ON_DOMAIN_AND_JDK",
                    "JACKSON_ONLY_IN_LINUX_DRS_CLI_AND_TESTKIT")),
            entry(SignerSeesAPort.class, Set.of("SPI_DEPENDS_ONLY_ON_DOMAIN_AND_JDK")),
            entry(ReturnsUseCase.class, Set.of("EMBED_PUBLIC_SIGNATURES_USE_ONLY_EMBED_SPI_DOMAIN_AND_JDK")),
            entry(ExposesWiring.class, Set.of("EMBED_PUBLIC_SIGNATURES_USE_ONLY_EMBED_SPI_DOMAIN_AND_JDK")),
            entry(UsesLinuxAdapter.class, Set.of("APPLICATION_DEPENDS_ONLY_ON_PORTS_DOMAIN_AND_JDK")),
            entry(InjectedService.class, Set.of("APPLICATION_DEPENDS_ONLY_ON_PORTS_DOMAIN_AND_JDK",
                    "DEPENDENCY_INJECTION_ONLY_IN_ADAPTERS_AND_EMBED")),
            entry(LogsWithSlf4j.class, Set.of("APPLICATION_DEPENDS_ONLY_ON_PORTS_DOMAIN_AND_JDK")),
            entry(fixture("adapter.linux.UsesTpmAdapter"), Set.of("ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER")),
            entry(fixture("adapter.drs.UsesEmbedFacade"), Set.of("ADAPTERS_DO_NOT_DEPEND_ON_APPLICATION_EMBED_OR_CLI")),
            entry(fixture("adapter.tpm.UsesApplicationService"), Set.of("ADAPTERS_DO_NOT_DEPEND_ON_APPLICATION_EMBED_OR_CLI")),
            entry(UsesTestkit.class, Set.of("PRODUCTION_CODE_DOES_NOT_DEPEND_ON_TESTKIT")),
            entry(UsesPicocli.class, Set.of("PICOCLI_ONLY_IN_CLI")),
            entry(fixture("adapter.linux.UsesJna"), Set.of("JNA_ONLY_IN_TPM_ADAPTER")),
            entry(fixture("adapter.linux.UsesOkHttp"), Set.of("OKHTTP_ONLY_IN_DRS_ADAPTER_AND_TESTKIT")),
            entry(UsesOkio.class, Set.of("OKHTTP_ONLY_IN_DRS_ADAPTER_AND_TESTKIT")),
            entry(fixture("adapter.linux.UsesBouncyCastle"), Set.of("BOUNCYCASTLE_ONLY_IN_DRS_ADAPTER_AND_TESTKIT")),
            entry(UsesJackson.class, Set.of("JACKSON_ONLY_IN_LINUX_DRS_CLI_AND_TESTKIT")),
            entry(fixture("adapter.drs.UsesDbus"), Set.of("DBUS_ONLY_IN_LINUX_ADAPTER_AND_TESTKIT")),
            entry(InjectedCommand.class, Set.of("DEPENDENCY_INJECTION_ONLY_IN_ADAPTERS_AND_EMBED")),
            entry(UsesDagger.class, Set.of("DEPENDENCY_INJECTION_ONLY_IN_ADAPTERS_AND_EMBED")),
            entry(ExitsOutsideMain.class, Set.of("ONLY_MAIN_EXITS_THE_JVM")),
            entry(HaltsViaRuntime.class, Set.of("ONLY_MAIN_EXITS_THE_JVM")),
            entry(ExitsViaMethodReference.class, Set.of("ONLY_MAIN_EXITS_THE_JVM")),
            entry(fixture("adapter.linux.PrintsToStdout"), Set.of("STANDARD_STREAMS_ONLY_IN_CLI")),
            entry(PrintsToStderr.class, Set.of("STANDARD_STREAMS_ONLY_IN_CLI")),
            entry(PrintsAndExits.class, Set.of("STANDARD_STREAMS_ONLY_IN_CLI", "ONLY_MAIN_EXITS_THE_JVM")),
            entry(fixture("adapter.drs.PublicHttpClient"), Set.of("ADAPTERS_EXPOSE_ONLY_MODULES_AND_PROVIDERS")),
            entry(fixture("adapter.tpm.LooksLikeAKeyStorageProvider"),
                    Set.of("ADAPTERS_EXPOSE_ONLY_MODULES_AND_PROVIDERS")),
            entry(fixture("adapter.linux.ModuleWithPublicSettings"),
                    Set.of("ADAPTERS_EXPOSE_ONLY_MODULES_AND_PROVIDERS")));

    /**
     * A fixture by its name below the fixture root: the adapter fixtures are package-private (as the rule
     * ADAPTERS_EXPOSE_ONLY_MODULES_AND_PROVIDERS wants), so they cannot be named here as class literals.
     */
    private static Class<?> fixture(String name) {
        try {
            return Class.forName(FIXTURES + "." + name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no fixture " + name, e);
        }
    }

    private static final Class<?>[] VIOLATING = VIOLATIONS.keySet().toArray(Class<?>[]::new);

    private static JavaClasses fixtures;
    private static JavaClasses compliant;

    @BeforeAll
    static void importFixtures() {
        // The fixtures are test classes, so no DO_NOT_INCLUDE_TESTS here.
        fixtures = new ClassFileImporter().importPackages(FIXTURES);
        compliant = fixtures.that(not(belongToAnyOf(VIOLATING)));
    }

    @Test
    void everyRuleHasAViolatingFixture() {
        Set<String> covered = VIOLATIONS.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(covered);
        unknown.removeAll(RULES.keySet());
        Set<String> uncovered = new TreeSet<>(RULES.keySet());
        uncovered.removeAll(covered);
        assertTrue(unknown.isEmpty(), "fixtures name rules that do not exist: " + unknown);
        assertTrue(uncovered.isEmpty(), "rules without a violating fixture: " + uncovered);
    }

    @Test
    void everyFixtureWasImported() {
        for (Class<?> fixture : VIOLATING) {
            assertTrue(fixtures.contain(fixture), fixture + " not imported");
        }
        assertFalse(compliant.isEmpty());
    }

    /** The compliant fixtures cover every layer, so that no rule's subject is empty. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "domain", "port.in", "port.out", "spi", "application", "adapter.linux", "adapter.tpm", "adapter.drs",
            "embed", "embed.internal", "cli", "testkit"})
    void compliantFixturesCoverLayer(String layer) {
        assertFalse(compliant.that(resideInAPackage(FIXTURES + "." + layer)).isEmpty(),
                "no compliant fixture in " + layer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleNames")
    void rulePassesOnCompliantFixtures(String rule) {
        RULES.get(rule).check(compliant);
    }

    @ParameterizedTest(name = "{0} fails on {1}")
    @MethodSource("ruleAndViolatingFixture")
    void ruleFailsOnItsViolatingFixture(String rule, Class<?> fixture) {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> RULES.get(rule).check(compliantPlus(fixture)));
        assertTrue(failure.getMessage().contains(fixture.getName()),
                () -> "the failure does not name " + fixture.getName() + ":\n" + failure.getMessage());
    }

    /** A violating fixture breaks exactly the rules it is listed with, and no other. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("violatingFixtures")
    void fixtureBreaksExactlyItsRules(Class<?> fixture) {
        JavaClasses classes = compliantPlus(fixture);
        Set<String> broken = RULES.entrySet().stream()
                .filter(rule -> rule.getValue().evaluate(classes).hasViolation())
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(VIOLATIONS.get(fixture)), broken);
    }

    static Stream<String> ruleNames() {
        return RULES.keySet().stream();
    }

    static Stream<Arguments> ruleAndViolatingFixture() {
        return RULES.keySet().stream().flatMap(rule -> sortedFixtures()
                .filter(fixture -> VIOLATIONS.get(fixture).contains(rule))
                .map(fixture -> Arguments.of(rule, named(fixture))));
    }

    static Stream<Arguments> violatingFixtures() {
        return sortedFixtures().map(fixture -> Arguments.of(named(fixture)));
    }

    private static Stream<Class<?>> sortedFixtures() {
        return VIOLATIONS.keySet().stream().sorted(Comparator.comparing(Class::getName));
    }

    private static Named<Class<?>> named(Class<?> fixture) {
        return Named.of(fixture.getSimpleName(), fixture);
    }

    /** The compliant fixtures and {@code fixture} (with its nested classes). */
    private static JavaClasses compliantPlus(Class<?> fixture) {
        Collection<Class<?>> others = new HashSet<>(VIOLATIONS.keySet());
        others.remove(fixture);
        return fixtures.that(not(belongToAnyOf(others.toArray(Class<?>[]::new))));
    }
}
