package io.slurmops.commands.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An argv shown to people as one line, quoted the way a POSIX shell would read it back. Display
 * only: nothing ever runs through a shell.
 */
public final class ArgvText {

    private ArgvText() {
    }

    public static String of(List<String> argv) {
        return argv.stream().map(ArgvText::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_@%+=:,./\\[\\]{}-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
