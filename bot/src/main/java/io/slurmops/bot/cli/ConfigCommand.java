package io.slurmops.bot.cli;

import io.slurmops.bot.config.ConfigException;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Configuration tools. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check a configuration file.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("usage: slurmops config check [FILE]");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate FILE; print every problem with its key. Exit 0 if valid, 1 otherwise.",
                    "Without FILE: the file the other commands would use (SLURMOPS_CONFIG, the lab's in a "
                            + "source checkout, else /etc/slurmops/slurmops.yaml)."})
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", arity = "0..1")
        Path file;

        @Override
        public Integer call() {
            if (file == null) {
                file = ConfigLocator.locate(null, System.getenv());
            }
            try {
                ConfigLoader.Loaded loaded = ConfigLoader.fromSystem().loadWithTrust(file);
                SlurmopsConfig c = loaded.config();
                System.out.println(file + ": OK — cluster " + c.site().clusterName() + ", controller "
                        + c.site().controller() + ", " + c.access().users().size() + " users with roles, store "
                        + io.slurmops.adapters.store.SlurmopsStore.redacted(c.store().url()));
                if (c.console().switchUser()) {
                    // Valid, but only honoured where nobody else could have written the file.
                    System.out.println(loaded.whyUntrusted()
                            .map(why -> "warning: console.switchUser will be ignored (--as refused): " + why)
                            .orElse("console.switchUser: on (--as / /as may act as anyone listed)"));
                }
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }
}
