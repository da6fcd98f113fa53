package io.slurmops.commands.catalog;

import io.slurmops.commands.hostlist.Hostlist;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed command: its words and the typed values the binder made of them, checked against its
 * spec. Commands read the typed values ({@link #hostlist}, {@link #jobId}, {@link #text} …) by the
 * names their spec declares; they never parse words themselves.
 *
 * @param args    the positional words as typed
 * @param options the options' raw values ("true" for a flag)
 * @param values  typed values by argument name, and by "--option" for options
 * @param line    the text after the prefix, as typed (for the audit)
 */
public record Invocation(CommandSpec spec, List<String> args, Map<String, String> options, Map<String, Object> values,
                         String line) {

    public Invocation {
        args = List.copyOf(args);
        options = Map.copyOf(options);
        values = Map.copyOf(values);
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

    /** An option's value as typed. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /** The typed value of a declared argument, or of an option ("--lines"), if it was given. */
    public <T> Optional<T> value(String name, Class<T> type) {
        Object v = values.get(name);
        if (v == null && !declared(name)) {
            throw new IllegalArgumentException(spec.name() + " declares no " + name);
        }
        return Optional.ofNullable(v).map(type::cast);
    }

    private <T> T required(String name, Class<T> type) {
        return value(name, type).orElseThrow(() -> new IllegalStateException(spec.name() + ": " + name
                + " is optional; use value()"));
    }

    public Hostlist hostlist(String name) {
        return required(name, Hostlist.class);
    }

    public Optional<Hostlist> optionalHostlist(String name) {
        return value(name, Hostlist.class);
    }

    /** A word-valued argument: a host, a job id, a user, a choice. */
    public String word(String name) {
        return required(name, String.class);
    }

    public Optional<String> optionalWord(String name) {
        return value(name, String.class);
    }

    public String jobId(String name) {
        return word(name);
    }

    public Duration duration(String name) {
        return required(name, Duration.class);
    }

    public long requestId(String name) {
        return required(name, Long.class);
    }

    /** The items of a comma-separated value ({@code ArgTypes.listOf}), empty when left out. */
    public List<String> list(String name) {
        List<?> items = value(name, List.class).orElse(List.of());
        return items.stream().map(String.class::cast).toList();
    }

    /** Free text, empty when left out. */
    public String text(String name) {
        return value(name, String.class).orElse("");
    }

    /** A typed option's value, or {@code otherwise} when not given: {@code inv.option("lines", 50)}. */
    public <T> T option(String name, T otherwise) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) otherwise.getClass();
        return value("--" + name, type).orElse(otherwise);
    }

    private boolean declared(String name) {
        return name.startsWith("--") ? spec.option(name.substring(2)).isPresent() : spec.param(name).isPresent();
    }
}
