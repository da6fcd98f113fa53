package io.slurmops.bot.cli;

import io.slurmops.bot.config.ChatConfig;
import io.slurmops.bot.config.ChatConfigLoader;
import io.slurmops.bot.config.ConfigException;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
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
            // Every problem of both loaders at once, each line once (an unreadable file or bad YAML both report).
            java.util.Set<String> problems = new java.util.LinkedHashSet<>();
            ConfigLoader.Loaded loaded = null;
            ChatConfig chat = null;
            try {
                loaded = ConfigLoader.fromSystem().loadWithTrust(file);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
            try {
                chat = ChatConfigLoader.fromSystem().load(file);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
            if (!problems.isEmpty()) {
                System.err.println(new ConfigException(file.toString(), List.copyOf(problems)).getMessage());
                return 1;
            }
            SlurmopsConfig c = loaded.config();
            System.out.println(file + ": OK — cluster " + c.site().clusterName() + ", controller "
                    + c.site().controller() + ", " + c.access().users().size() + " users with roles, store "
                    + io.slurmops.adapters.store.SlurmopsStore.redacted(c.store().url()));
            System.out.println("chat: " + chatSummary(chat));
            if (c.console().switchUser()) {
                // Valid, but only honoured where nobody else could have written the file.
                System.out.println(loaded.whyUntrusted()
                        .map(why -> "warning: console.switchUser will be ignored (--as refused): " + why)
                        .orElse("console.switchUser: on (--as / /as may act as anyone listed)"));
            }
            io.slurmops.bot.privilege.PrivilegeWarnings.of(c.privilege().helper(),
                    io.slurmops.adapters.os.ProcessUser.isRoot()).forEach(System.out::println);
            return 0;
        }

        /** Which platforms are on and how many channels each takes; never a token. */
        private static String chatSummary(ChatConfig chat) {
            List<String> on = new java.util.ArrayList<>();
            chat.slack().ifPresent(s -> on.add("slack (" + channels(s.allowedChannels()) + ", tokens xoxb-/xapp- set)"));
            chat.discord().ifPresent(d -> on.add("discord (" + channels(d.allowedChannels()) + ", token set)"));
            return on.isEmpty() ? "no platform enabled (console and CLI only)" : String.join(", ", on);
        }

        private static String channels(java.util.Set<String> ids) {
            return ids.contains("*") ? "every channel" : ids.size() + " channel" + (ids.size() == 1 ? "" : "s");
        }
    }
}
