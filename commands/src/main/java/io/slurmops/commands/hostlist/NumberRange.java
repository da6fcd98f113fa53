package io.slurmops.commands.hostlist;

/**
 * One {@code lo-hi} element of a bracket, with Slurm's width: numbers shorter than {@code width} are
 * zero-padded to it, longer ones are written as they are ({@code [09-100]} gives 09 .. 99, 100).
 */
record NumberRange(long lo, long hi, int width) {

    /** Longest digit run we do arithmetic on: every 18-digit number fits in a {@code long}. */
    static final int MAX_DIGITS = 18;

    NumberRange {
        if (lo < 0 || hi < lo || width < 1) {
            throw new IllegalArgumentException("bad range " + lo + "-" + hi + " width " + width);
        }
    }

    long size() {
        return hi - lo + 1;
    }

    /** The digits of {@code value} as this range writes them. */
    String format(long value) {
        return pad(value, width);
    }

    /** Characters of the longest number this range writes. */
    int maxLength() {
        return Math.max(width, Long.toString(hi).length());
    }

    /** {@code 5}, or {@code 08-12}, as it appears inside brackets. */
    String toExpression() {
        return lo == hi ? format(lo) : format(lo) + "-" + format(hi);
    }

    static String pad(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
