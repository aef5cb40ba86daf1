package org.dsreg.dist;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The native package's {@code /usr/share/doc/dsreg/changelog.gz}: one entry for the version built, dated at the
 * build's fixed time (reproducible: the commit's), in the format dpkg-parsechangelog reads. The project's history
 * is its git log; the entry says so.
 */
final class DebianChangelog {
    static final String MAINTAINER = "dsreg developers <dev@dsreg.invalid>";
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DebianChangelog() {
    }

    /** The changelog of {@code packageVersion} (the .deb's), built from the POM's {@code pomVersion} at {@code time}. */
    static String render(String packageVersion, String pomVersion, Instant time) {
        return "dsreg (" + packageVersion + ") unstable; urgency=medium\n"
                + "\n"
                + "  * dsreg " + pomVersion + ", built from its sources. Its history is the\n"
                + "    project's git log.\n"
                + "\n"
                + " -- " + MAINTAINER + "  " + RFC_2822.format(time) + "\n";
    }

    /** The package version of a POM version: a hyphen becomes a tilde (0.1.0-SNAPSHOT is 0.1.0~SNAPSHOT). */
    static String packageVersion(String pomVersion) {
        return pomVersion.replace('-', '~');
    }

    /** The build's time from {@code project.build.outputTimestamp}: ISO 8601, or seconds since 1970. */
    static Instant buildTime(String outputTimestamp) {
        String t = outputTimestamp.trim();
        return t.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(t)) : Instant.parse(t);
    }
}
