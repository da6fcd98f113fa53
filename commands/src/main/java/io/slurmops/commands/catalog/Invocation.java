package io.slurmops.commands.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed command: which command, its positional arguments and options, validated against its spec.
 *
 * @param line the text after the prefix, as typed (for the audit)
 */
public record Invocation(CommandSpec spec, List<String> args, Map<String, String> options, String line) {

    public Invocation {
        args = List.copyOf(args);
        options = Map.copyOf(options);
    }

    public String arg(int i) {
        return args.get(i);
    }

    public Optional<String> optionalArg(int i) {
        return i < args.size() ? Optional.of(args.get(i)) : Optional.empty();
    }

    /** Positional arguments from {@code from} on, joined by spaces: the free text of a reason. */
    public String rest(int from) {
        return from >= args.size() ? "" : String.join(" ", args.subList(from, args.size()));
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /** An integer option within bounds, or a usage error naming it. */
    public int intOption(String name, int defaultValue, int min, int max, String prefix) throws UsageException {
        String raw = options.get(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes a whole number from " + min + " to " + max
                    + ", not \"" + raw + "\"", spec.usage(prefix));
        }
    }
}
