package org.dsreg.domain;

import java.util.regex.Pattern;

/**
 * Takes out of a message the Java exception class names the JDK and libraries put in theirs
 * ({@code java.net.ConnectException: }), so that none reaches the user: one rule for the CLI and the adapters.
 */
public final class JavaNames {
    private static final Pattern EXCEPTION_CLASS = Pattern.compile(
            "\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:? *");

    private JavaNames() {
    }

    /** The message without exception class names (and the colon and blanks that followed each). */
    public static String removedFrom(String message) {
        return EXCEPTION_CLASS.matcher(message).replaceAll("");
    }
}
