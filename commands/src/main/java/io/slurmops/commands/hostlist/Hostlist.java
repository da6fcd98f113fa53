package io.slurmops.commands.hostlist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** TEMPORARY stand-in until the hostlist branch merges (minimal, single bracket). */
public final class Hostlist {
    private final List<String> hosts;

    private Hostlist(List<String> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    public static Hostlist parse(String expr) {
        List<String> out = new ArrayList<>();
        for (String tok : expr.trim().split("[,\\s]+(?![^\\[]*\\])")) {
            int lb = tok.indexOf('[');
            if (lb < 0) {
                out.add(tok);
                continue;
            }
            String prefix = tok.substring(0, lb);
            for (String r : tok.substring(lb + 1, tok.indexOf(']')).split(",")) {
                String[] lh = r.split("-");
                int lo = Integer.parseInt(lh[0]);
                int hi = lh.length > 1 ? Integer.parseInt(lh[1]) : lo;
                for (int i = lo; i <= hi; i++) {
                    out.add(prefix + String.format("%0" + lh[0].length() + "d", i));
                }
            }
        }
        return new Hostlist(new ArrayList<>(new TreeSet<>(out)));
    }

    public static Hostlist of(Collection<String> hosts) {
        return new Hostlist(new ArrayList<>(new TreeSet<>(hosts)));
    }

    public static String compress(Collection<String> hosts) {
        return String.join(",", new TreeSet<>(hosts));
    }

    public List<String> hosts() {
        return hosts;
    }

    public int size() {
        return hosts.size();
    }

    public boolean isEmpty() {
        return hosts.isEmpty();
    }

    public String compressed() {
        return compress(hosts);
    }

    @Override
    public String toString() {
        return compressed();
    }
}
