package io.slurmops.commands.site;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a daemon's log is read: a file (tail) or a systemd journal unit (journalctl).
 * Exactly one of the two is set.
 */
public record LogSource(String file, String journalUnit) {

    public LogSource {
        boolean hasFile = file != null && !file.isBlank();
        boolean hasUnit = journalUnit != null && !journalUnit.isBlank();
        if (hasFile == hasUnit) {
            throw new IllegalArgumentException("a log source needs exactly one of file or journal unit");
        }
    }

    public static LogSource file(String path) {
        return new LogSource(path, null);
    }

    public static LogSource journal(String unit) {
        return new LogSource(null, unit);
    }

    /** The argv that prints the last {@code lines} lines. */
    public List<String> tailArgv(int lines) {
        List<String> argv = new ArrayList<>();
        if (file != null && !file.isBlank()) {
            argv.addAll(List.of("tail", "-n", Integer.toString(lines), file));
        } else {
            argv.addAll(List.of("journalctl", "--no-pager", "-o", "short-iso", "-n", Integer.toString(lines),
                    "-u", journalUnit));
        }
        return argv;
    }

    public String describe() {
        return file != null && !file.isBlank() ? file : "journal unit " + journalUnit;
    }
}
