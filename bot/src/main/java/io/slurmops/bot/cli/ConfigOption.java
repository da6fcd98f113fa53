package io.slurmops.bot.cli;

import io.slurmops.bot.config.ConfigException;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** The shared {@code --config FILE} option, mixed into every subcommand that needs a configuration. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (default: $SLURMOPS_CONFIG, else the lab's config/lab.yaml)")
    Path config;

    Path path() {
        return ConfigLocator.locate(config, System.getenv());
    }

    /** Why the loaded file may not grant switchUser (empty: it may), judged on the bytes that were loaded. */
    private Optional<String> whyUntrusted = Optional.of("the configuration was not loaded yet");

    SlurmopsConfig load() throws ConfigException {
        ConfigLoader.Loaded loaded = ConfigLoader.fromSystem().loadWithTrust(path());
        whyUntrusted = loaded.whyUntrusted();
        return loaded.config();
    }

    /** Exit code of every subcommand whose configuration is invalid. */
    static final int BAD_CONFIG = 4;

    /** The configuration, or empty after printing every problem to stderr (the caller exits {@link #BAD_CONFIG}). */
    java.util.Optional<SlurmopsConfig> loadOrReport() {
        try {
            return java.util.Optional.of(load());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /** Exit code when --as is asked for where switching user is not allowed. */
    static final int REFUSED = 3;

    /** Who is typing (see {@link ConsoleIdentity}); empty after saying why --as is refused. */
    Optional<ConsoleIdentity> identity(SlurmopsConfig config, String requested) {
        return ConsoleIdentity.resolve(config, path(), whyUntrusted, requested);
    }
}
