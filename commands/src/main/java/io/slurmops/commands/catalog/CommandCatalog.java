package io.slurmops.commands.catalog;

import java.util.Collection;
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
                return new Parsed(c, ArgumentBinder.bind(c.spec(), words.subList(n, words.size()), body, prefix));
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
}
