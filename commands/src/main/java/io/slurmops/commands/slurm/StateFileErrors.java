package io.slurmops.commands.slurm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * slurmctld's own words when a state file in StateSaveLocation cannot be read, mapped to the file.
 * Verified on the lab (22.05.8, a garbled or half-truncated file, slurmctld stopped, then started):
 * it refuses to start with one {@code fatal:} line naming the kind of state, e.g.
 * {@code fatal: Incomplete job state save file, start with '-i' to ignore this. …} or
 * {@code fatal: Can not recover qos_usage state, incompatible version, got 54226 need >= 9216 <= 9728, start with '-i' …}.
 * An empty or missing file is not fatal: slurmctld falls back to the {@code .old} copy itself.
 */
public final class StateFileErrors {

    /** One unreadable state file: its name in StateSaveLocation and the log line that named it. */
    public record Unreadable(String file, String logLine) {
    }

    private static final Pattern INCOMPLETE = Pattern.compile(
            "Incomplete (job state save|node data checkpoint|reservation data checkpoint|trigger data checkpoint"
                    + "|part(?:ition)? data checkpoint|\\w+ state save|\\w+ data checkpoint) file");
    private static final Pattern CANNOT_RECOVER = Pattern.compile("Can not recover (\\w+?)(?: state)?, (?:incompatible version|data size mismatch)");

    /** The kinds slurmctld names and the files they live in (StateSaveLocation). */
    private static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("job", "job_state");
        FILES.put("node", "node_state");
        FILES.put("reservation", "resv_state");
        FILES.put("resv", "resv_state");
        FILES.put("trigger", "trigger_state");
        FILES.put("part", "part_state");
        FILES.put("partition", "part_state");
        FILES.put("last_conf_lite", "last_config_lite");
        FILES.put("fed_mgr", "fed_mgr_state");
        FILES.put("assoc_mgr", "assoc_mgr_state");
    }

    private StateFileErrors() {
    }

    /** Every state file the log says slurmctld could not read, once each, in the order logged. */
    public static List<Unreadable> in(String log) {
        Map<String, Unreadable> found = new LinkedHashMap<>();
        for (String line : log.split("\n")) {
            fileOf(line).ifPresent(f -> found.putIfAbsent(f, new Unreadable(f, line.strip())));
        }
        return new ArrayList<>(found.values());
    }

    /** The state file one log line names as unreadable. */
    public static Optional<String> fileOf(String line) {
        Matcher m = INCOMPLETE.matcher(line);
        if (m.find()) {
            String kind = m.group(1).split(" ")[0];
            return Optional.of(FILES.getOrDefault(kind, kind + "_state"));
        }
        m = CANNOT_RECOVER.matcher(line);
        if (m.find()) {
            String kind = m.group(1);
            return Optional.of(FILES.getOrDefault(kind, kind.endsWith("_usage") || kind.endsWith("_state") ? kind : kind + "_state"));
        }
        return Optional.empty();
    }

    /** The part of a slurmctld log since its last start banner ("slurmctld version … started"). */
    public static String sinceLastStart(String log) {
        int at = log.lastIndexOf("slurmctld version ");
        if (at < 0) {
            return log;
        }
        int lineStart = log.lastIndexOf('\n', at);
        return log.substring(lineStart + 1);
    }
}
