package org.dsreg.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * picocli's refusals of the action groups ({@link Actions}) in one line of words: picocli words them with the
 * groups' whole synopses, repeated. Read from the model and the arguments given: an option given twice, an action's
 * option without its action, or two actions.
 */
final class ActionUsageErrors {
    private ActionUsageErrors() {
    }

    /** The words for {@code e} when it is about the action groups; empty for any other usage error. */
    static Optional<String> describe(CommandLine.ParameterException e, String[] args) {
        boolean groups = e instanceof CommandLine.MutuallyExclusiveArgsException
                || e instanceof CommandLine.MaxValuesExceededException
                || e instanceof CommandLine.MissingParameterException m
                && m.getMissing().stream().anyMatch(a -> a.required() && a.group() != null);
        // the arguments as given; picocli may have read others from an @file, which are not here to be told apart
        return groups ? describe(e.getCommandLine().getCommandSpec(), args).or(() -> Optional.of(
                "the options given do not go together: one action at a time, with its own options (see --help)"))
                : Optional.empty();
    }

    static Optional<String> describe(CommandSpec spec, String[] args) {
        List<OptionSpec> given = new ArrayList<>();
        Map<ArgGroupSpec, String> actionsGiven = new LinkedHashMap<>();
        Map<ArgGroupSpec, List<String>> withoutAction = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].split("=", 2)[0];
            OptionSpec o = args[i].startsWith("-") ? spec.findOption(name) : null;
            if (o == null) {
                continue;
            }
            if (given.contains(o) && o.group() != null) {
                return Optional.of("option '" + name + "' should be specified only once");
            }
            given.add(o);
            i += o.arity().max() > 0 && !args[i].contains("=") ? 1 : 0;
            ArgGroupSpec action = action(o.group());
            if (action != null && names(action).contains(o)) {
                actionsGiven.putIfAbsent(action, name);
            } else if (action != null) {
                withoutAction.computeIfAbsent(action, a -> new ArrayList<>()).add(name);
            }
        }
        for (Map.Entry<ArgGroupSpec, List<String>> orphans : withoutAction.entrySet()) {
            if (!actionsGiven.containsKey(orphans.getKey())) {
                List<String> names = orphans.getValue();
                return Optional.of(words(names) + (names.size() == 1 ? " goes" : " go") + " with "
                        + names(orphans.getKey()).get(0).longestName());
            }
        }
        if (actionsGiven.size() > 1) {
            return Optional.of("choose one action, not " + words(new ArrayList<>(actionsGiven.values())));
        }
        return Optional.empty();
    }

    /** The action group (a child of the exclusive group of actions) that {@code group} is or is in. */
    private static ArgGroupSpec action(ArgGroupSpec group) {
        ArgGroupSpec g = group;
        while (g != null && g.parentGroup() != null && g.parentGroup().parentGroup() != null) {
            g = g.parentGroup();
        }
        return g == null || g.parentGroup() == null ? null : g;
    }

    /**
     * The options that name an action: its group's required option ({@code --join}); in the status group, which has
     * none, each ({@code --status}, {@code --diagnose}).
     */
    private static List<OptionSpec> names(ArgGroupSpec action) {
        List<OptionSpec> required = action.options().stream().filter(OptionSpec::required).toList();
        return required.isEmpty() ? action.options() : required;
    }

    private static String words(List<String> names) {
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
