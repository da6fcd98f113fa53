package io.slurmops.bot.config;

import java.util.List;

/** Every problem found in a configuration file, each naming the key, the value and what is expected. */
public class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(source + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
