package org.dsreg.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks every {@link LayerRules} constant against dsreg's real production classes. */
class ArchitectureTest {

    /** Where this module's own classes (the rules, the tests, the fixtures) live. */
    private static final String THIS_MODULE = "org.dsreg.architecture";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Test classes are excluded above already; this also keeps out the fixtures should
                // they ever be packaged as main classes.
                .withImportOption(location -> !location.contains("/" + THIS_MODULE.replace('.', '/') + "/"))
                .importPackages(LayerRules.PRODUCTION_ROOT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constants")
    void productionClassesFollow(String name, ArchRule rule) {
        rule.check(production);
    }

    /**
     * Guards against rules that check nothing: every layer that has classes today must be found
     * by the import.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "domain", "port.in", "port.out", "spi.keystorage", "spi.state", "application", "adapter.linux",
            "adapter.tpm", "adapter.drs", "embed", "embed.internal", "cli", "testkit"})
    void layerHasProductionClasses(String layer) {
        String pkg = LayerRules.PRODUCTION_ROOT + "." + layer;
        assertFalse(production.that(resideInAPackage(pkg)).isEmpty(), "no production class imported in " + pkg);
    }

    @Test
    void importHoldsNoClassOfThisModule() {
        List<String> own = production.that(resideInAPackage(THIS_MODULE + "..")).stream()
                .map(JavaClass::getName)
                .toList();
        assertTrue(own.isEmpty(), "imported as production: " + own);
    }

    /** The constants checked above are the very rules {@link RulesCanFailTest} proves able to fail. */
    @Test
    void constantsAreTheProductionRootRules() {
        Map<String, ArchRule> constants = constantsByName();
        Map<String, ArchRule> rules = LayerRules.forRoot(LayerRules.PRODUCTION_ROOT).all();
        assertEquals(rules.keySet(), constants.keySet());
        rules.forEach((name, rule) ->
                assertEquals(rule.getDescription(), constants.get(name).getDescription(), name));
    }

    static Stream<Arguments> constants() {
        return constantsByName().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** Every public static final ArchRule of {@link LayerRules}, by field name. */
    private static Map<String, ArchRule> constantsByName() {
        Map<String, ArchRule> constants = new LinkedHashMap<>();
        Arrays.stream(LayerRules.class.getDeclaredFields())
                .filter(field -> field.getType() == ArchRule.class)
                .filter(field -> Modifier.isPublic(field.getModifiers())
                        && Modifier.isStatic(field.getModifiers())
                        && Modifier.isFinal(field.getModifiers()))
                .forEach(field -> constants.put(field.getName(), valueOf(field)));
        return constants;
    }

    private static ArchRule valueOf(Field field) {
        try {
            return (ArchRule) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
