package io.slurmops.bot.alerts;

import io.slurmops.adapters.transport.PosixShellQuoting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * Writes the programs slurmctld runs (as SlurmUser) when a trigger fires: one program that drops an
 * event file into the spool, and one argument-free wrapper per event (strigger runs a program
 * without arguments of ours). They must be shell scripts; every configured path in them is checked
 * to be path-safe and single-quoted, so no {@code $}, backquote or space in a path is ever expanded.
 */
final class TriggerScripts {

    /** Characters a configured path may hold: what the shell never treats specially. */
    private static final Pattern PATH_SAFE = Pattern.compile("/[A-Za-z0-9._+@%,:/-]+");

    private final Path spool;

    /** @throws IllegalArgumentException when the spool or its parent is not an absolute, path-safe path */
    TriggerScripts(Path spool) {
        this.spool = pathSafe(spool.toAbsolutePath().normalize());
    }

    static Path pathSafe(Path p) {
        String s = p.toString();
        if (!PATH_SAFE.matcher(s).matches() || p.getParent() == null) {
            throw new IllegalArgumentException("alerts.triggerSpool `" + s + "`: must be an absolute path of "
                    + "letters, digits and . _ + @ % , : - / only (it is written into the trigger scripts "
                    + "slurmctld runs)");
        }
        return p;
    }

    Path program() {
        return spool.getParent().resolve("slurmops-trigger");
    }

    Path wrapper(String event) {
        return spool.getParent().resolve("slurmops-trigger-" + event);
    }

    /** The program: {@code slurmops-trigger EVENT [NODES…]} writes {@code SPOOL/NANOS.EVENT.evt}. */
    void writeProgram() throws IOException {
        write(program(), programText(spool));
    }

    /** The wrapper strigger runs for {@code event} (an EVENTS flag without its dashes). */
    void writeWrapper(String event) throws IOException {
        if (!event.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a trigger event name: " + event);
        }
        write(wrapper(event), wrapperText(program(), event));
    }

    /**
     * The program's text. Paths are single-quoted (a second line of defence behind {@link #pathSafe});
     * the event and node list arrive as arguments and are only ever expanded inside double quotes.
     */
    static String programText(Path spool) {
        return "#!/bin/sh\n"
                + "# slurmops: Slurm trigger program (written by slurmops; runs as SlurmUser)\n"
                + "spool=" + PosixShellQuoting.quote(spool.toString()) + "\n"
                + "event=\"$1\"; shift\n"
                + "f=\"$spool/$(date +%s%N).$event\"\n"
                + "printf '%s\\n' \"$*\" > \"$f.tmp\" && mv \"$f.tmp\" \"$f.evt\"\n";
    }

    static String wrapperText(Path program, String event) {
        return "#!/bin/sh\nexec " + PosixShellQuoting.quote(program.toString()) + " "
                + PosixShellQuoting.quote(event) + " \"$@\"\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
