package org.dsreg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AOT cache's training run: what it loads from a class list, and what it runs. */
class ArchiveTrainingTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheClassesTheListNamesAndSkipsTheRest() throws IOException {
        Path list = dir.resolve("dsreg.classlist");
        Files.write(list, List.of(
                "java/lang/Object id: 0",
                "org/dsreg/cli/StatusAction",
                "  org/dsreg/cli/JsonRenderer id: 7 super: 0",
                "@lambda-proxy org/dsreg/cli/Cli run",
                "@cp org/dsreg/cli/Cli 1 2 3",
                "# a comment",
                "",
                "org/dsreg/cli/NoSuchClass id: 9",
                "org/dsreg/cli/Cli$$Lambda/0x0000000801000a00 id: 10"));
        List<String> asked = new ArrayList<>();
        ClassLoader recording = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                return super.loadClass(name, resolve);
            }
        };

        assertEquals(3, ArchiveTraining.load(list, recording));
        assertEquals(List.of("java.lang.Object", "org.dsreg.cli.StatusAction", "org.dsreg.cli.JsonRenderer",
                "org.dsreg.cli.NoSuchClass", "org.dsreg.cli.Cli$$Lambda.0x0000000801000a00"), asked);
    }

    @Test
    void runsEachCommandWithNoBusAndMakesNoStateDirectory() {
        Path state = dir.resolve("no-state");

        List<Integer> codes = ArchiveTraining.run(state);

        // --status with nothing registered and no broker to ask: 0 (2 where a broker is installed but unreachable)
        assertEquals(5, codes.size());
        assertEquals(List.of(0, 0), codes.subList(2, 4), "--help and --version");
        for (int i : List.of(0, 1, 4)) {
            assertTrue(codes.get(i) == 0 || codes.get(i) == 2, "status exit " + codes.get(i));
        }
        assertFalse(Files.exists(state), "a status made the state directory");
    }

    @Test
    void takesAtMostAClassList() {
        assertThrows(IllegalArgumentException.class, () -> ArchiveTraining.main(new String[] {"a", "b"}));
    }
}
