package io.slurmops.bot.cli;

import io.slurmops.commands.hostlist.Hostlist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** Slurm host lists on the command line, with exactly the bot's rules. */
@Command(name = "hostlist", mixinStandardHelpOptions = true,
        description = "Expand or compress Slurm host lists (exit 2 on invalid input).",
        subcommands = {HostlistCommand.Expand.class, HostlistCommand.Compress.class})
final class HostlistCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("usage: slurmops hostlist expand EXPR | compress HOST...");
    }

    @Command(name = "expand", mixinStandardHelpOptions = true,
            description = "Print one host per line, duplicates removed, in natural order.")
    static final class Expand implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "EXPR", description = "e.g. node[001-004],gpu[1,3]")
        List<String> expr;

        @Override
        public Integer call() {
            try {
                Hostlist.parse(String.join(",", expr)).hosts().forEach(System.out::println);
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("slurmops: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "compress", mixinStandardHelpOptions = true,
            description = "Print the shortest host list expression for the given hosts.")
    static final class Compress implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "HOST", description = "host names (host lists are expanded first)")
        List<String> hosts;

        @Override
        public Integer call() {
            try {
                System.out.println(Hostlist.compress(Hostlist.parse(String.join(",", hosts)).hosts()));
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("slurmops: " + e.getMessage());
                return 2;
            }
        }
    }
}
