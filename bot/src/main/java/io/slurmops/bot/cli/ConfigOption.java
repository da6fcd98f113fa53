package io.slurmops.bot.cli;

import io.slurmops.bot.config.ConfigException;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The shared {@code --config FILE} option, mixed into every subcommand that needs a configuration. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (default: $SLURMOPS_CONFIG, else the lab's config/lab.yaml)")
    Path config;

    Path path() {
        return ConfigLocator.locate(config, System.getenv());
    }

    SlurmopsConfig load() throws ConfigException {
        return ConfigLoader.fromSystem().load(path());
    }
}
