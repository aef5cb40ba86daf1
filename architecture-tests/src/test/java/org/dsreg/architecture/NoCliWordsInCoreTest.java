package org.dsreg.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.dsreg.architecture.fixtures.words.SpeaksCli;
import org.dsreg.architecture.fixtures.words.SpeaksPlainly;
import org.junit.jupiter.api.Test;

/**
 * No CLI option or dsreg command line in a string constant of domain, ports, application or the
 * embedding API (app-embed): advice there is a {@code Remedy}, and only the CLI words it. The
 * adapters are left out: adapters-drs' {@code ProxyConfig} reads the {@code --proxy} and
 * {@code --no-proxy} values itself and names them as their source. Proven able to fail on
 * {@link SpeaksCli}.
 */
class NoCliWordsInCoreTest {

    private static final String[] CORE = {"org.dsreg.domain", "org.dsreg.port", "org.dsreg.application",
            "org.dsreg.embed"};

    @Test
    void theCoreSpeaksNoCliWords() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(CORE);
        for (String layer : CORE) {
            assertTrue(core.stream().anyMatch(c -> c.getPackageName().startsWith(layer)), "no classes in " + layer);
        }
        assertEquals(List.of(), CliWords.in(core));
    }

    @Test
    void theGuardCatchesAnOptionAConstantACommandLineAndAConcatenation() {
        List<String> found = CliWords.in(new ClassFileImporter().importClasses(SpeaksCli.class, SpeaksPlainly.class));
        String name = SpeaksCli.class.getName();
        assertEquals(List.of(
                name + ": \"run 'dsreg --unregister --tenant-id \u0001' first\"",
                name + ": \"run 'sudo dsreg --cleanup'\"",
                name + ": \"use a --state-dir of your own\""), found);
    }

    @Test
    void dashesThatAreNoOptionPass() {
        assertFalse(CliWords.speaksCli(SpeaksPlainly.MODE));
        assertFalse(CliWords.speaksCli(SpeaksPlainly.advice("/x")));
        assertTrue(CliWords.speaksCli("see --timeout"));
        assertTrue(CliWords.speaksCli("--root confines"));
    }
}
