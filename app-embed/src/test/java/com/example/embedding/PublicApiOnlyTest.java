package com.example.embedding;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Embedders use the public API only: {@code org.dsreg.embed} (the facade, its settings and requests), the
 * domain values and the key-storage SPI's values. dsreg's internals (the ports, the Dagger wiring, the
 * application services, the adapters) are off limits. Proven on the example above and on a fixture that breaks
 * the rule.
 */
class PublicApiOnlyTest {
    /** The rule, for any package of an embedding program. */
    static ArchRule embeddersUseThePublicApiOnly(String embedderPackage) {
        return noClasses().that().resideInAPackage(embedderPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage("org.dsreg.embed.internal..",
                        "org.dsreg.port..", "org.dsreg.application..", "org.dsreg.adapter..", "org.dsreg.cli..")
                .because("embedders use org.dsreg.embed, org.dsreg.domain and org.dsreg.spi only");
    }

    @Test
    void theExampleUsesThePublicApiOnly() {
        JavaClasses example = new ClassFileImporter().importClasses(EmbeddingExampleIT.class);
        embeddersUseThePublicApiOnly("com.example.embedding").check(example);
    }

    @Test
    void theRuleCatchesAnEmbedderReachingIn() {
        JavaClasses bad = new ClassFileImporter().importClasses(ReachesIn.class);
        assertThrows(AssertionError.class,
                () -> embeddersUseThePublicApiOnly("com.example.embedding").check(bad));
    }

    @Test
    void theRuleCatchesAnEmbedderUsingAPortType() {
        JavaClasses bad = new ClassFileImporter().importClasses(UsesAPort.class);
        assertThrows(AssertionError.class,
                () -> embeddersUseThePublicApiOnly("com.example.embedding").check(bad));
    }

    /** A fixture that breaks the rule: it speaks a use case's type rather than the embedding API's. */
    static final class UsesAPort {
        private final org.dsreg.port.in.JoinDeviceUseCase.DeviceCodePrompt prompt = message -> { };

        Object prompt() {
            return prompt;
        }
    }

    /** A fixture that breaks the rule: it builds dsreg's component itself. */
    static final class ReachesIn {
        Object component() {
            return org.dsreg.embed.internal.DaggerDsregComponent.factory();
        }
    }
}
