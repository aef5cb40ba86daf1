package org.dsreg.domain;

/**
 * Text from outside (an argument, a file) made safe to quote in a one-line message: every control
 * character (a newline, an escape sequence's ESC) shown as {@code ?}, so a value can neither break the
 * line nor drive the terminal.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code text} with each control character replaced by {@code ?}. */
    public static String of(String text) {
        return String.valueOf(text).replaceAll("\\p{Cntrl}", "?");
    }
}
