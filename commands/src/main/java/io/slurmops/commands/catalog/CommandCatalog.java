package io.slurmops.commands.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The commands the bot knows, looked up by their (possibly multi-word) names, and the parser that
 * turns a chat line into a validated {@link Invocation}.
 */
public final class CommandCatalog {

    private final String prefix;
    private final Map<String, SlurmCommand> byName = new LinkedHashMap<>();
    private int longestName = 1;

    public CommandCatalog(String prefix, Collection<? extends SlurmCommand> commands) {
        this.prefix = prefix;
        for (SlurmCommand c : commands) {
            String name = c.spec().name();
            if (byName.putIfAbsent(name, c) != null) {
                throw new IllegalArgumentException("two commands named " + name);
            }
            longestName = Math.max(longestName, name.split(" ").length);
        }
    }

    public String prefix() {
        return prefix;
    }

    public List<SlurmCommand> commands() {
        return List.copyOf(byName.values());
    }

    public Optional<SlurmCommand> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** True when the line is addressed to the bot (starts with the prefix as a whole word). */
    public boolean addressed(String text) {
        String t = text.strip();
        return t.equals(prefix) || t.startsWith(prefix + " ") || t.startsWith(prefix + "\n")
                || t.startsWith(prefix + "\t");
    }

    /** The parsed command and the command object that runs it. */
    public record Parsed(SlurmCommand command, Invocation invocation) {
    }

    /** Parses a line that {@link #addressed} the bot. Unknown commands and bad arguments throw. */
    public Parsed parse(String text) throws UsageException {
        String body = text.strip().substring(prefix.length()).strip();
        List<String> words = ChatLineTokenizer.tokenize(body);
        if (words.isEmpty()) {
            return parse(prefix + " help");
        }
        for (int n = Math.min(longestName, words.size()); n >= 1; n--) {
            String name = String.join(" ", words.subList(0, n)).toLowerCase(Locale.ROOT);
            SlurmCommand c = byName.get(name);
            if (c != null) {
                return new Parsed(c, bind(c.spec(), words.subList(n, words.size()), body));
            }
        }
        throw unknown(words);
    }

    private UsageException unknown(List<String> words) {
        String first = words.get(0).toLowerCase(Locale.ROOT);
        List<String> family = byName.keySet().stream().filter(k -> k.startsWith(first + " ")).toList();
        if (!family.isEmpty()) {
            return new UsageException("unknown command `" + String.join(" ", words.subList(0, Math.min(2, words.size())))
                    + "`; " + first + " takes one of: " + String.join(", ", family.stream()
                    .map(k -> k.substring(first.length() + 1)).toList()), prefix + " help " + first);
        }
        String suggestion = closest(first).map(s -> " Did you mean `" + prefix + " " + s + "`?").orElse("");
        return new UsageException("unknown command `" + words.get(0) + "`." + suggestion, prefix + " help");
    }

    private Optional<String> closest(String word) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : byName.keySet()) {
            String head = name.split(" ")[0];
            int d = editDistance(word, head);
            if (d < bestDistance) {
                bestDistance = d;
                best = head;
            }
        }
        return bestDistance <= 2 ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private Invocation bind(CommandSpec spec, List<String> words, String line) throws UsageException {
        List<String> args = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        String usage = spec.usage(prefix);
        boolean freeText = spec.maxArgs() == Integer.MAX_VALUE;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("--") || w.length() <= 2) {
                args.add(w);
                continue;
            }
            String name = optionName(w);
            OptionSpec opt = spec.option(name).orElse(null);
            if (opt == null) {
                // Inside free text (a reason), an unknown "--word" is part of the text.
                if (freeText && !args.isEmpty() && args.size() >= spec.minArgs()) {
                    args.add(w);
                    continue;
                }
                throw new UsageException("`" + spec.name() + "` has no option --" + name, usage);
            }
            if (opt.takesValue()) {
                int eq = w.indexOf('=');
                String value;
                if (eq > 0) {
                    value = w.substring(eq + 1);
                } else if (i + 1 < words.size()) {
                    value = words.get(++i);
                } else {
                    throw new UsageException("--" + name + " needs a value (" + opt.valueName() + ")", usage);
                }
                options.put(name, value);
            } else {
                if (w.indexOf('=') > 0) {
                    throw new UsageException("--" + name + " takes no value", usage);
                }
                options.put(name, "true");
            }
        }
        if (args.size() < spec.minArgs()) {
            throw new UsageException("`" + spec.name() + "` needs " + describeMissing(spec, args.size()), usage);
        }
        if (args.size() > spec.maxArgs()) {
            throw new UsageException("`" + spec.name() + "` takes at most " + spec.maxArgs() + " argument"
                    + (spec.maxArgs() == 1 ? "" : "s") + ", got " + args.size(), usage);
        }
        return new Invocation(spec, args, options, line);
    }

    private static String optionName(String word) {
        int eq = word.indexOf('=');
        return (eq > 0 ? word.substring(2, eq) : word.substring(2)).toLowerCase(Locale.ROOT);
    }

    private static String describeMissing(CommandSpec spec, int given) {
        String[] parts = spec.arguments().replaceAll("\\[[^]]*]", "").trim().split("\\s+");
        if (given < parts.length && !parts[given].isBlank()) {
            return parts[given];
        }
        return spec.minArgs() + " argument" + (spec.minArgs() == 1 ? "" : "s");
    }
}
