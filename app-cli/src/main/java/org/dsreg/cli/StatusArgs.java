package org.dsreg.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The status's arguments read by hand, without picocli, whose first use (building the annotated model: reflection,
 * its converters) is most of what a plain status costs at start (docs/performance.md). Only the well-formed ones:
 * {@code --status}, {@code --json}, {@code --no-color} and {@code --debug}, and {@code --format},
 * {@code --timeout}, {@code --tenant-id}, {@code --state-dir} and {@code --root} with a value picocli takes as given,
 * each at most once. Anything else (another option or action, a repeat, a value picocli would refuse or might read
 * otherwise, an {@code @file}) is left to picocli, so that every refusal keeps its words; StatusArgsTest holds the
 * two to the same options and the same output.
 */
final class StatusArgs {
    private static final Set<String> VALUED = Set.of("--format", "--timeout", "--tenant-id", "--state-dir", "--root");

    private StatusArgs() {
    }

    /**
     * The status action of {@code args}, their options set on {@code command}; empty when picocli is to read them
     * (then {@code command} may be half set: use another).
     */
    static Optional<StatusOptions> parse(String[] args, DsregCommand command) {
        StatusOptions action = new StatusOptions();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            String name = eq < 0 ? args[i] : args[i].substring(0, eq);
            String value = null;
            if (VALUED.contains(name)) {
                value = eq >= 0 ? args[i].substring(eq + 1) : i + 1 < args.length ? args[++i] : "";
                if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                    return Optional.empty(); // missing, maybe an option, or an @file: picocli's to read or refuse
                }
            } else if (eq >= 0) {
                return Optional.empty();
            }
            if (!seen.add(name) || !read(name, value, command, action)) {
                return Optional.empty();
            }
        }
        return Optional.of(action);
    }

    /** Sets one option; false when it is not one of these, or its value one picocli would refuse. */
    private static boolean read(String name, String value, DsregCommand c, StatusOptions action) {
        try {
            switch (name) {
                case "--status" -> action.status = true;
                case "--json" -> c.json = true;
                case "--no-color" -> c.noColor = true;
                case "--debug" -> c.debug = true;
                case "--format" -> c.format = format(value);
                case "--timeout" -> c.timeout = new OptionValues.TimeoutConverter().convert(value);
                case "--tenant-id" -> c.tenant = new OptionValues.TenantConverter().convert(value);
                case "--state-dir" -> c.stateDir = Path.of(value);
                case "--root" -> c.root = Path.of(value);
                default -> {
                    return false;
                }
            }
            return c.format != null || !"--format".equals(name);
        } catch (RuntimeException e) { // a path the system cannot name, a converter's refusal: picocli words them
            return false;
        }
    }

    /** A format by its exact name (picocli also takes other cases: it reads those). */
    private static DsregCommand.Format format(String value) {
        for (DsregCommand.Format f : DsregCommand.Format.values()) {
            if (f.name().equals(value)) {
                return f;
            }
        }
        return null;
    }
}
