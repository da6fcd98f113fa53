package io.slurmops.commands.runbook;

/** Where a runbook element was written: the file and its 1-based line, for messages a person can act on. */
public record Location(String file, int line) {

    public static Location unknown(String file) {
        return new Location(file, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
