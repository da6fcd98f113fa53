package io.slurmops.commands.slurm;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory amount as Slurm prints it: {@code 123456K}, {@code 300M}, {@code 1.50G}, {@code 0}, and for
 * ReqMem in releases before 21.08 a trailing {@code n} (per node) or {@code c} (per CPU):
 * {@code 4Gn}, {@code 4Gc}, {@code 100Mc}.
 *
 * @param bytes  the amount in bytes
 * @param perCpu true for the old {@code c} suffix: multiply by the CPUs to get the job's total
 */
public record MemorySize(long bytes, boolean perCpu) {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGTP]?)([nc]?)");

    /** Parses one value (a bare number is MiB); empty for an empty field. */
    public static Optional<MemorySize> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Slurm memory size: " + raw);
        }
        double value = Double.parseDouble(m.group(1));
        // A bare number is MiB here (ReqMem, MinMemoryNode); sacct's MaxRSS goes through parse(raw, "K").
        long unit = unit(m.group(2).isEmpty() ? "M" : m.group(2));
        return Optional.of(new MemorySize(Math.round(value * unit), "c".equals(m.group(3))));
    }

    /** Like {@link #parse}, with the unit a bare number is in ("K" for sacct's MaxRSS, "M" for ReqMem). */
    public static Optional<MemorySize> parse(String raw, String defaultUnit) {
        if (raw != null && raw.strip().matches("\\d+(\\.\\d+)?")) {
            return parse(raw.strip() + defaultUnit);
        }
        return parse(raw);
    }

    private static long unit(String suffix) {
        return switch (suffix) {
            case "K" -> 1L << 10;
            case "M" -> 1L << 20;
            case "G" -> 1L << 30;
            case "T" -> 1L << 40;
            case "P" -> 1L << 50;
            default -> throw new IllegalArgumentException("unknown unit " + suffix);
        };
    }

    public long mebibytes() {
        return bytes >> 20;
    }

    /** The total for a job with {@code cpus} CPUs: per-CPU sizes are multiplied. */
    public MemorySize total(int cpus) {
        return perCpu ? new MemorySize(bytes * Math.max(1, cpus), false) : this;
    }

    /** "300M", "1.5G": short, binary units, as Slurm writes them. */
    public String human() {
        String[] units = {"K", "M", "G", "T", "P"};
        double v = bytes / 1024.0;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        String number = v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
        return number + units[i];
    }
}
