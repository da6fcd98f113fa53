package io.slurmops.commands.slurm;

import java.util.Locale;
import java.util.Set;

/**
 * A node state as sinfo prints it in long form ({@code %T}): a base word plus suffix characters,
 * e.g. "idle", "drained", "down*" (not responding), "mixed-", "idle~".
 */
public record NodeState(String base, String suffixes) {

    /** sinfo's full set of state suffix characters (see ClusterShell's slurm groups). */
    private static final String SUFFIX_CHARS = "*~#!%$@+^-";
    private static final Set<String> PROBLEM = Set.of("down", "drained", "draining", "drain", "fail", "failing",
            "inval", "unknown", "error", "not_responding", "unk");
    private static final Set<String> KNOWN = Set.of("idle", "allocated", "alloc", "mixed", "mix", "completing", "comp",
            "future", "futr", "maint", "reserved", "resv", "planned", "plnd", "blocked", "block", "reboot", "boot",
            "power_down", "powered_down", "powering_down", "powering_up", "cloud", "down", "drained", "draining",
            "drain", "drng", "fail", "failing", "failg", "inval", "unknown", "unk", "error", "not_responding");

    public static NodeState parse(String raw) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        int end = s.length();
        while (end > 0 && SUFFIX_CHARS.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return new NodeState(s.substring(0, end), s.substring(end));
    }

    /** True for any state name sinfo may print, so "nodes drained" is a filter, not a hostlist. */
    /** The state words sinfo understands, long and short forms. */
    public static Set<String> stateNames() {
        return KNOWN;
    }

    public static boolean isStateName(String word) {
        return KNOWN.contains(word.toLowerCase(Locale.ROOT));
    }

    public boolean notResponding() {
        return suffixes.contains("*");
    }

    /** Down, drained, failing, invalid or not responding: something a person should look at. */
    public boolean isProblem() {
        return PROBLEM.contains(base) || notResponding();
    }

    public boolean isDrain() {
        return base.startsWith("drain") || base.equals("drng");
    }

    public boolean isDown() {
        return base.equals("down");
    }

    /** The state as sinfo wrote it, e.g. "down*". */
    public String display() {
        return base + suffixes;
    }

    /** Matches a user's filter word against this state ("drain" matches drained and draining). */
    public boolean matches(String filter) {
        String f = filter.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "drain" -> isDrain();
            case "draining", "drng" -> base.equals("draining") || base.equals("drng");
            case "alloc", "allocated" -> base.startsWith("alloc");
            case "mix", "mixed" -> base.startsWith("mix");
            case "not_responding" -> notResponding();
            case "unk", "unknown" -> base.startsWith("unk");
            default -> base.equals(f);
        };
    }
}
