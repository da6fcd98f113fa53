package io.slurmops.bot.runbook;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as runbooks write them: 500ms, 90s, 5m, 1h. */
final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {
    }

    static Optional<Duration> parse(YamlNode at, String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            at.problem("shape", "`" + text + "` is not a duration such as 90s, 5m or 1h");
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.isZero()) {
            at.problem("shape", "a timeout must be positive");
            return Optional.empty();
        }
        return Optional.of(d);
    }
}
