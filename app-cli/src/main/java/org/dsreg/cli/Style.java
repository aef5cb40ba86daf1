package org.dsreg.cli;

/**
 * Colour for health, on a terminal only. Off when NO_COLOR is set to anything non-empty
 * (no-color.org), when {@code --no-color} is given, or when output is not a terminal.
 */
final class Style {
    enum Health { GOOD, WARN, BAD, PLAIN }

    private final boolean enabled;

    private Style(boolean enabled) {
        this.enabled = enabled;
    }

    static Style of(boolean terminal, boolean noColorOption, String noColorEnv) {
        boolean noColorSet = noColorEnv != null && !noColorEnv.isEmpty();
        return new Style(terminal && !noColorOption && !noColorSet);
    }

    static Style plain() {
        return new Style(false);
    }

    boolean enabled() {
        return enabled;
    }

    String paint(String text, Health health) {
        if (!enabled || health == Health.PLAIN) {
            return text;
        }
        String code = switch (health) {
            case GOOD -> "32";
            case WARN -> "33";
            case BAD -> "31";
            case PLAIN -> "0";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    String heading(String text) {
        return enabled ? "\u001b[1m" + text + "\u001b[0m" : text;
    }
}
