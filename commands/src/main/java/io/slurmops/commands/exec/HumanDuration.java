package io.slurmops.commands.exec;

import java.time.Duration;

/** Short durations for one-line details: "500ms", "1s", "1.5s", "2m30s", "1h5m". */
public final class HumanDuration {

    private HumanDuration() {
    }

    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            long tenths = (millis % 1000) / 100;
            return millis / 1000 + (tenths == 0 ? "" : "." + tenths) + "s";
        }
        long seconds = d.toSeconds();
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long rest = seconds % 60;
        StringBuilder sb = new StringBuilder();
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (rest > 0 && hours == 0) {
            sb.append(rest).append('s');
        }
        return sb.toString();
    }
}
