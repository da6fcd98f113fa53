package io.slurmops.commands.backup;

import java.time.Duration;
import java.util.Objects;

/**
 * How far a dump's verification goes. A dump of at most {@code maxRows} rows is restored whole into the
 * scratch schema and its rows compared with the dump's, row by row; a larger one, or one whose restore
 * does not finish within {@code timeout}, is checked for structure and counts only: the dump is complete
 * and well formed, its schema restores, and its rows per table are the ones counted when it was made.
 *
 * @param maxRows the dump's rows (all tables) up to which it is restored whole; 0: never
 * @param timeout the whole restore's limit, after which the check falls back to structure and counts
 */
public record VerifyLimits(long maxRows, Duration timeout) {

    public static final VerifyLimits DEFAULT = new VerifyLimits(1_000_000, Duration.ofMinutes(5));

    public VerifyLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (maxRows < 0) {
            throw new IllegalArgumentException("verify maxRows must be 0 or more, not " + maxRows);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("verify timeout must be positive, not " + timeout);
        }
    }

    /** Whether a dump of {@code rows} rows is restored whole. */
    public boolean restoresWhole(long rows) {
        return rows <= maxRows;
    }
}
