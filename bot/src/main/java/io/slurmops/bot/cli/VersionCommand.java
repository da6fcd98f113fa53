package io.slurmops.bot.cli;

import picocli.CommandLine.Command;

/** Prints the version. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the slurmops version.")
final class VersionCommand implements Runnable {

    @Override
    public void run() {
        System.out.println(new VersionProvider().getVersion()[0]);
    }
}
