package io.slurmops.bot.alerts.alertmanager;

import io.slurmops.bot.config.AlertmanagerConfig;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.UsageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code alertmanager.fixes}: which command fixes which alert. Label values come from whoever can make
 * Prometheus fire, so each one must be a single plain word, and the filled-in line must parse with the
 * command's own typed grammar (a node name where a node is expected) with every value landing as one
 * whole argument; otherwise no fix is offered and the incident says why.
 */
final class FixMapping {

    /** One word of a node list, a unit or a job id: nothing a shell, a chat client or an option parser reads. */
    private static final String SAFE_VALUE = "[A-Za-z0-9_][A-Za-z0-9._:,\\[\\]-]{0,127}";

    /** Longer lines are not offered (an incident keeps its fix in a 500-character column). */
    private static final int MAX_LINE = 400;

    /** What a rule gave for one alert: a command line (without prefix), or why none is offered. */
    record Fix(String command, String refused) {
        static final Fix NONE = new Fix("", "");
    }

    private final List<AlertmanagerConfig.FixRule> rules;
    private final CommandCatalog catalog;

    /** @throws IllegalArgumentException when a rule names a command the bot does not have */
    FixMapping(List<AlertmanagerConfig.FixRule> rules, CommandCatalog catalog) {
        this.rules = List.copyOf(rules);
        this.catalog = catalog;
        for (AlertmanagerConfig.FixRule r : rules) {
            String head = r.command().split("\\s+")[0];
            if (catalog.find(head).isEmpty() && catalog.commands().stream()
                    .noneMatch(c -> c.spec().name().startsWith(head.toLowerCase(java.util.Locale.ROOT) + " "))) {
                throw new IllegalArgumentException("alertmanager.fixes: `" + r.command() + "` is not a command of this bot");
            }
        }
    }

    Fix fixFor(Map<String, String> labels) {
        Optional<AlertmanagerConfig.FixRule> rule = rules.stream().filter(r -> r.matches(labels)).findFirst();
        if (rule.isEmpty()) {
            return Fix.NONE;
        }
        List<String> words = new ArrayList<>();
        List<String> filled = new ArrayList<>();
        for (String word : rule.get().command().split("\\s+")) {
            if (word.startsWith("{") && word.endsWith("}")) {
                String label = word.substring(1, word.length() - 1);
                String value = labels.get(label);
                if (value == null) {
                    return new Fix("", "the alert has no `" + label + "` label for `" + rule.get().command() + "`");
                }
                if (!value.matches(SAFE_VALUE)) {
                    return new Fix("", "label `" + label + "` is not a plain word, so `" + rule.get().command()
                            + "` is not offered");
                }
                filled.add(value);
                words.add(value);
            } else {
                words.add(word);
            }
        }
        String line = String.join(" ", words);
        if (line.length() > MAX_LINE) {
            return new Fix("", "the filled-in `" + rule.get().command() + "` is longer than " + MAX_LINE + " characters");
        }
        try {
            CommandCatalog.Parsed parsed = catalog.parse(catalog.prefix() + " " + line);
            if (!parsed.invocation().args().containsAll(filled)) {
                return new Fix("", "`" + line + "` does not take the labels as whole arguments");
            }
        } catch (UsageException e) {
            return new Fix("", "`" + line + "` is not a valid command: " + e.getMessage());
        }
        return new Fix(line, "");
    }
}
