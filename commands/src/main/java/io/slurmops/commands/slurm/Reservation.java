package io.slurmops.commands.slurm;

import io.slurmops.commands.hostlist.Hostlist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** A reservation as {@code scontrol show res -o} prints it: one line, key=value pairs. */
public record Reservation(String name, String state, Set<String> flags, List<String> nodes) {

    public static final List<String> ARGV = List.of("scontrol", "show", "res", "-o");

    /** Parses every line; "No reservations in the system" gives none. */
    public static List<Reservation> parse(String output) {
        List<Reservation> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.startsWith("ReservationName=")) {
                continue;
            }
            String name = value(line, "ReservationName");
            String state = value(line, "State");
            Set<String> flags = Set.copyOf(Arrays.asList(value(line, "Flags").split(",")));
            String nodes = value(line, "Nodes");
            List<String> hosts;
            try {
                hosts = nodes.isEmpty() || nodes.equals("(null)") ? List.of() : Hostlist.parse(nodes).hosts();
            } catch (IllegalArgumentException e) {
                hosts = List.of();
            }
            out.add(new Reservation(name, state, flags, hosts));
        }
        return out;
    }

    /** An active reservation flagged MAINT: the admins are working on these nodes on purpose. */
    public boolean activeMaintenance() {
        return "ACTIVE".equals(state) && flags.contains("MAINT");
    }

    private static String value(String line, String key) {
        int i = line.indexOf(key + "=");
        while (i > 0 && line.charAt(i - 1) != ' ') {
            i = line.indexOf(key + "=", i + 1);
        }
        if (i < 0) {
            return "";
        }
        int start = i + key.length() + 1;
        int end = line.indexOf(' ', start);
        return line.substring(start, end < 0 ? line.length() : end);
    }
}
