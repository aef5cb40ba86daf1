package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * {@code --help} and {@code --version} without picocli print what picocli prints: the usage text written at build
 * time is what picocli renders from the model now (it cannot drift from the options), and both exit 0.
 */
class QuickCommandsTest {
    record Printed(OptionalInt code, String out, String err) {
    }

    @Test
    void theBuiltUsageTextIsWhatPicocliRendersNow() throws Exception {
        try (InputStream text = QuickCommands.class.getResourceAsStream(HelpText.RESOURCE)) {
            assertNotNull(text, "the build writes " + HelpText.RESOURCE + " (exec-maven-plugin, process-classes)");
            assertEquals(HelpText.render(), new String(text.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void helpAndVersionPrintWhatPicocliPrints() {
        for (String flag : new String[] {"--help", "-h", "--version", "-V"}) {
            Printed quick = quick(flag);
            assertTrue(quick.code().isPresent(), flag + " is answered without picocli");
            assertEquals(picocli(flag), quick, flag);
            assertEquals(0, quick.code().getAsInt());
        }
        assertTrue(quick("--help").out().startsWith("Usage: dsreg [-hV]"), quick("--help").out());
        assertTrue(quick("--version").out().matches("dsreg \\S+\\RJava .*\\R"), quick("--version").out());
    }

    @Test
    void withOtherArgumentsTheyArePicocliS() {
        assertEquals(OptionalInt.empty(), quick("--help", "--status").code());
        assertEquals(OptionalInt.empty(), quick("--version", "--bogus").code());
        assertEquals(OptionalInt.empty(), quick("--diagnose").code());
    }

    private static Printed quick(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        OptionalInt code = QuickCommands.run(args, Map.of(), false, new BufferedReader(new StringReader("")),
                new PrintWriter(out), new PrintWriter(err));
        return new Printed(code, out.toString(), err.toString());
    }

    private static Printed picocli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.withPicocli(args, Map.of(), false, new BufferedReader(new StringReader("")),
                new PrintWriter(out), new PrintWriter(err));
        return new Printed(OptionalInt.of(code), out.toString(), err.toString());
    }
}
