package io.slurmops.bot.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Brings the lab cluster up and opens the console chat against it: the quick start. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the local lab cluster (lab/lab up, as root) and open the console chat against it.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    ConfigOption configOption;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path lab = ConfigLocator.home().map(h -> h.resolve("lab/lab")).orElse(Path.of("lab/lab"));
        if (!Files.isExecutable(lab)) {
            System.err.println("slurmops: cannot find the lab script " + lab + "; run from the slurmops checkout");
            return 4;
        }
        // The lab's output shows, but it gets no stdin: apt and the daemons it starts would otherwise
        // swallow what the user types ahead for the console.
        Process up = new ProcessBuilder(lab.toString(), "up").inheritIO()
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        int rc = up.waitFor();
        if (rc != 0) {
            System.err.println("slurmops: lab/lab up failed (exit " + rc + "); see its output above");
            return rc;
        }
        return ConsoleCommand.open(configOption, null);
    }
}
