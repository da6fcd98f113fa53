package io.slurmops.commands.slurm;

import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.hostlist.HostlistException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Node names as sinfo prints them without {@code -N}: a host list per line. Expanded here, and put
 * back in host-list order (the order {@code -N} printed them in).
 */
public final class SinfoNames {

    private SinfoNames() {
    }

    /** The nodes of one sinfo field: "node[001-004]" → four names; a plain name → itself. */
    public static List<String> expand(String field) {
        if (field.indexOf('[') < 0 && field.indexOf(',') < 0) {
            return List.of(field);
        }
        try {
            return Hostlist.parse(field).hosts();
        } catch (HostlistException e) {
            return List.of(field);                           // not ours to judge: keep what Slurm printed
        }
    }

    /** The names sorted as host lists sort them (node2 before node10), each once. */
    public static List<String> inOrder(Collection<String> names) {
        try {
            return Hostlist.of(names).hosts();
        } catch (HostlistException e) {
            List<String> out = new ArrayList<>(names);
            out.sort(null);
            return out;
        }
    }
}
