package io.slurmops.commands.hostlist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Arrays;

/**
 * An immutable, ordered set of host names: duplicates removed, sorted by {@link HostNameOrder}
 * ({@code n2} before {@code n10}). Equality is set equality.
 *
 * <p>{@code Hostlist.parse(expr).hosts()} expands and {@link #compress(Collection)} folds; both throw
 * {@link HostlistException} with a message fit for a user.
 */
public final class Hostlist {

    /** Default limit on the hosts one expression may name, counted before duplicates are removed. */
    public static final int DEFAULT_MAX_HOSTS = 65_536;

    private static final Hostlist EMPTY = new Hostlist(List.of());

    /** Sorted by HostNameOrder, no duplicates, valid names. */
    private final List<String> hosts;
    private String compressed;

    private Hostlist(List<String> sortedUniqueHosts) {
        this.hosts = sortedUniqueHosts;
    }

    /**
     * Expands a Slurm hostlist expression such as {@code rack[1-2]-node[01-04],login1}, allowing at most
     * {@link #DEFAULT_MAX_HOSTS} hosts.
     *
     * @throws HostlistException if the expression is empty, malformed, or names too many hosts
     */
    public static Hostlist parse(String expr) {
        return parse(expr, DEFAULT_MAX_HOSTS);
    }

    /**
     * Like {@link #parse(String)}, with a limit on the total number of hosts the expression may name
     * (counted before duplicates are removed, since that is what expanding costs).
     */
    public static Hostlist parse(String expr, int maxHosts) {
        return sortedSet(new HostlistParser(maxHosts).expand(expr));
    }

    /**
     * The hosts given, deduplicated and sorted.
     *
     * @throws HostlistException if one of them is not an acceptable host name (see {@link HostNames})
     */
    public static Hostlist of(Collection<String> hosts) {
        hosts.forEach(HostNames::requireValid);
        return sortedSet(hosts);
    }

    public static Hostlist empty() {
        return EMPTY;
    }

    /**
     * The shortest hostlist expression we can find that Slurm 22.05 and later (and ClusterShell) read
     * back as exactly the set of {@code hosts}; the empty string for no hosts.
     *
     * @throws HostlistException if one of them is not an acceptable host name
     */
    public static String compress(Collection<String> hosts) {
        return of(hosts).compressed();
    }

    private static Hostlist sortedSet(Collection<String> hosts) {
        // A merge sort then dropping neighbours that are equal: the input is usually sorted already
        // (sinfo's order, an expanded range), which this sorts in one pass; a TreeSet would not.
        String[] all = hosts.toArray(new String[0]);
        Arrays.sort(all, HostNameOrder.INSTANCE);
        List<String> unique = new ArrayList<>(all.length);
        for (String h : all) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).equals(h)) {
                unique.add(h);
            }
        }
        return unique.isEmpty() ? EMPTY : new Hostlist(Collections.unmodifiableList(unique));
    }

    /** The hosts in natural order, unmodifiable. */
    public List<String> hosts() {
        return hosts;
    }

    public int size() {
        return hosts.size();
    }

    public boolean isEmpty() {
        return hosts.isEmpty();
    }

    public boolean contains(String host) {
        return host != null && Collections.binarySearch(hosts, host, HostNameOrder.INSTANCE) >= 0;
    }

    public Hostlist union(Hostlist other) {
        List<String> all = new ArrayList<>(hosts);
        all.addAll(other.hosts);
        return sortedSet(all);
    }

    /** The hosts of this list that are not in {@code other}. */
    public Hostlist minus(Hostlist other) {
        return filtered(other, false);
    }

    public Hostlist intersect(Hostlist other) {
        return filtered(other, true);
    }

    private Hostlist filtered(Hostlist other, boolean keepShared) {
        // Filtering a sorted list keeps it sorted.
        List<String> kept = hosts.stream().filter(host -> other.contains(host) == keepShared).toList();
        return kept.isEmpty() ? EMPTY : new Hostlist(kept);
    }

    /** The folded expression, e.g. {@code node[01-04,07],login1}; empty for an empty list. */
    public String compressed() {
        String result = compressed;
        if (result == null) {
            // A benign race: every thread computes the same immutable string.
            result = HostlistCompressor.compress(hosts);
            compressed = result;
        }
        return result;
    }

    @Override
    public String toString() {
        return compressed();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hostlist other && hosts.equals(other.hosts);
    }

    @Override
    public int hashCode() {
        return hosts.hashCode();
    }
}
