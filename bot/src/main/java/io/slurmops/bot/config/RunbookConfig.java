package io.slurmops.bot.config;

/**
 * {@code runbooks:}: where a site keeps its own runbooks (YAML, loaded beside the built-in ones in
 * {@code config/runbooks/}); empty means built-in runbooks only.
 */
public record RunbookConfig(String siteDir) {

    public static RunbookConfig defaults() {
        return new RunbookConfig("");
    }
}
