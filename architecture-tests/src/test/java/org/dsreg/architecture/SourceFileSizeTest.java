package org.dsreg.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule: no Java file under a {@code src/main} directory of the reactor is over {@value #MAX_LINES} lines, a line
 * being what {@code wc -l} counts (a last line without its newline counts too), blank lines and comments included.
 * Test sources, generated sources ({@code target/}) and files outside the reactor's directories are not counted.
 * A file over the limit is split by responsibility, never squeezed.
 */
class SourceFileSizeTest {

    static final int MAX_LINES = 300;

    @Test
    void noMainSourceFileIsOverTheLimit() {
        Map<String, Integer> over = new TreeMap<>(oversized(reactorRoot()));
        assertEquals(Map.of(), over, "src/main files over " + MAX_LINES + " lines: split them by responsibility");
    }

    /** The walk really sees the reactor: its root, and the main sources of every layer. */
    @Test
    void theWalkSeesTheReactor() {
        Path root = reactorRoot();
        List<String> files = mainSources(root);
        for (String module : List.of("domain", "ports", "application", "adapters-linux", "adapters-tpm",
                "adapters-drs", "app-embed", "app-cli", "testkit")) {
            assertTrue(files.stream().anyMatch(f -> f.startsWith(module + "/src/main/java/")), "no source in " + module);
        }
    }

    /** The check fails on a file one line over the limit, and only on main sources. */
    @Test
    void theCheckFindsAFileOverTheLimit(@TempDir Path dir) throws IOException {
        write(dir.resolve("m/src/main/java/a/Over.java"), MAX_LINES + 1, true);
        write(dir.resolve("m/src/main/java/a/OverWithoutLastNewline.java"), MAX_LINES + 1, false);
        write(dir.resolve("m/src/main/java/a/AtTheLimit.java"), MAX_LINES, true);
        write(dir.resolve("m/src/test/java/a/LongTest.java"), 2 * MAX_LINES, true);
        write(dir.resolve("m/target/generated-sources/annotations/a/Generated.java"), 2 * MAX_LINES, true);
        write(dir.resolve("m/src/main/resources/a/data.txt"), 2 * MAX_LINES, true);

        assertEquals(Map.of("m/src/main/java/a/Over.java", MAX_LINES + 1,
                "m/src/main/java/a/OverWithoutLastNewline.java", MAX_LINES + 1), oversized(dir));
    }

    /** Main source files over {@value #MAX_LINES} lines below {@code root}, by path relative to it, with their lines. */
    static Map<String, Integer> oversized(Path root) {
        return mainSources(root).stream()
                .map(f -> Map.entry(f, lines(root.resolve(f))))
                .filter(e -> e.getValue() > MAX_LINES)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** Every {@code .java} file below a {@code src/main} directory, none below {@code target} or a hidden directory. */
    static List<String> mainSources(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p))
                    .map(p -> root.relativize(p).toString())
                    .filter(SourceFileSizeTest::isMainSource)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isMainSource(String relative) {
        List<String> parts = List.of(relative.split("/"));
        boolean skipped = parts.stream().anyMatch(p -> p.equals("target") || p.startsWith("."));
        return !skipped && IntStream.range(0, parts.size() - 1)
                .anyMatch(i -> parts.get(i).equals("src") && parts.get(i + 1).equals("main"));
    }

    /** Lines as {@code wc -l} counts them, plus a last line without its newline. */
    static int lines(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int newlines = (int) text.chars().filter(c -> c == '\n').count();
            return newlines + (text.isEmpty() || text.endsWith("\n") ? 0 : 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reactor's root: the parent of this module, whose pom lists it. */
    private static Path reactorRoot() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
        Path root = module.getParent();
        try {
            String pom = Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8);
            assertTrue(pom.contains("<module>" + module.getFileName() + "</module>"), "not the reactor root: " + root);
        } catch (IOException e) {
            throw new UncheckedIOException("no reactor pom above " + module, e);
        }
        return root;
    }

    private static void write(Path file, int lines, boolean lastNewline) throws IOException {
        Files.createDirectories(file.getParent());
        List<String> text = new ArrayList<>(IntStream.rangeClosed(1, lines).mapToObj(i -> "// " + i).toList());
        Files.writeString(file, String.join("\n", text) + (lastNewline ? "\n" : ""), StandardCharsets.UTF_8);
    }
}
