package io.slurmops.bot.cli;

/** Lets tests outside this package run the CLI in-process. */
public final class CliAccess {

    public record Run(int exitCode, String out, String err) {
    }

    public static Run run(String... args) {
        CliCapture.Run r = CliCapture.run(args);
        return new Run(r.exitCode(), r.out(), r.err());
    }

    private CliAccess() {
    }
}
