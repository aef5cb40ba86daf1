package org.dsreg.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the CLI's words in classes that must not speak them: a string constant naming an option
 * ({@code --tenant-id}, {@code --state-dir}, …) or a dsreg command line ({@code dsreg --cleanup}).
 * Advice is a {@code Remedy} there, worded by the CLI's {@code RemedyWords}.
 */
final class CliWords {
    /** An option: two dashes and a letter, not inside a word ({@code rw-r--r--} is not one). */
    static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z]");

    private CliWords() {
    }

    /** Each offending constant, as {@code Class: "constant"}. */
    static List<String> in(JavaClasses classes) {
        return classes.stream()
                .flatMap(c -> constants(c).stream().filter(CliWords::speaksCli).map(s -> c.getName() + ": \"" + s + "\""))
                .sorted()
                .toList();
    }

    static boolean speaksCli(String constant) {
        return constant.contains("dsreg --") || OPTION.matcher(constant).find();
    }

    private static List<String> constants(JavaClass c) {
        try (InputStream in = c.getSource().orElseThrow(() -> new IllegalStateException("no class file for "
                + c.getName())).getUri().toURL().openStream()) {
            return StringConstants.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
