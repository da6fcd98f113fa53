package io.slurmops.commands.exec;

import java.util.Collection;

/**
 * Turns a set of host names into one short label for headers and summary lines.
 *
 * <p>The real implementation folds ranges ({@code node[001-003,005]}); it lives with the hostlist
 * code and is plugged in where results are folded. {@link #COMMA_JOIN} keeps this package free of
 * that dependency.
 */
@FunctionalInterface
public interface HostsFormatter {

    /** Plain comma-separated list, in the order given. */
    HostsFormatter COMMA_JOIN = hosts -> String.join(",", hosts);

    String compress(Collection<String> hosts);
}
