package org.dsreg.domain;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parsing of the GUIDs Entra ID uses for tenants and devices. */
final class Guids {
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Guids() {
    }

    /** Parses the canonical 8-4-4-4-12 form, optionally in braces; anything else is refused. */
    static UUID parse(String what, String text) {
        if (text == null) {
            throw DsregException.invalidArgument(what + " is missing");
        }
        String s = text.strip();
        if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') {
            s = s.substring(1, 37);
        }
        if (!GUID.matcher(s).matches()) {
            throw DsregException.invalidArgument(
                    "'" + printable(text) + "' is not a valid " + what
                            + " (expected a GUID such as 00000000-0000-0000-0000-000000000000)");
        }
        return UUID.fromString(s.toLowerCase(Locale.ROOT));
    }

    static boolean isGuid(String text) {
        return text != null && GUID.matcher(text.strip()).matches();
    }

    /** Keeps user input printable in a one-line message. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().limit(80).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.length() > 80 ? b + "..." : b.toString();
    }
}
