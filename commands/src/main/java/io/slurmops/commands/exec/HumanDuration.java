package io.slurmops.commands.exec;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, the one parser for chat arguments and configuration alike:
 * a whole number with a unit — {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} (days),
 * {@code w} (weeks), a space allowed before the unit — or several in a row ({@code 1h30m}, {@code 2m30s});
 * and the short form for
 * one-line details: "500ms", "1s", "1.5s", "2m30s", "1h5m".
 */
public final class HumanDuration {

    /** What help and error messages quote. */
    public static final String ACCEPTED_FORMS = "a whole number with a unit: ms, s, m, h, d, w (e.g. 500ms, 90s, "
            + "30m, 2h, 1d, 1w), or several in a row (1h30m)";

    private static final Pattern PART = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d|w)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}\\s*(?:ms|s|m|h|d|w)\\s*)+");

    private HumanDuration() {
    }

    /** The duration {@code text} names, if it is one of the {@link #ACCEPTED_FORMS} and longer than zero. */
    public static Optional<Duration> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!WHOLE.matcher(t).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
        }
        return total.isZero() ? Optional.empty() : Optional.of(total);
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
