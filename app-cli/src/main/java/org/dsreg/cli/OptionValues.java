package org.dsreg.cli;

import java.time.Duration;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.Printable;
import org.dsreg.domain.TenantRef;
import org.dsreg.embed.Dsreg;
import picocli.CommandLine;

/** How option values are read (a bad one is a one-line usage error, exit 1), and the version line. */
final class OptionValues {
    private OptionValues() {
    }

    /** Seconds, a positive number up to 600 (fractions allowed). */
    static final class TimeoutConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            double seconds;
            try {
                seconds = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number of seconds");
            }
            if (!(seconds > 0 && seconds <= 600)) {
                throw new CommandLine.TypeConversionException("the timeout must be more than 0 and at most 600 seconds");
            }
            return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
        }
    }

    /**
     * A tenant option value: a GUID, or (for --join) a domain name. Anything else is a one-line
     * usage error (exit 1).
     */
    static final class TenantConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return TenantRef.parse(value).text();
            } catch (DsregException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A path option's value; a path the system cannot represent is a usage error in words. */
    static final class PathConverter implements CommandLine.ITypeConverter<java.nio.file.Path> {
        @Override
        public java.nio.file.Path convert(String value) {
            try {
                return java.nio.file.Path.of(value);
            } catch (java.nio.file.InvalidPathException e) {
                throw new CommandLine.TypeConversionException("'" + Printable.of(value) + "' is not a usable path: "
                        + e.getReason());
            }
        }
    }

    /** A URL option's value. */
    static final class UriConverter implements CommandLine.ITypeConverter<java.net.URI> {
        @Override
        public java.net.URI convert(String value) {
            try {
                return new java.net.URI(value.strip());
            } catch (java.net.URISyntaxException e) {
                throw new CommandLine.TypeConversionException("'" + Printable.of(value) + "' is not a URL: "
                        + e.getReason());
            }
        }
    }

    /** The version from the build (the one dsreg reports to DRS, too). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dsreg " + Dsreg.version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
