package io.slurmops.commands.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One line of {@code scontrol ping}: "Slurmctld(primary) at vm is UP". */
public record ControllerPing(String role, String host, boolean up) {

    private static final Pattern LINE = Pattern.compile("Slurmctld\\((\\w+)\\) at (\\S+) is (UP|DOWN)");

    /** Parses every controller line; other lines (the RESTORE banner) are ignored. */
    public static List<ControllerPing> parse(String output) {
        List<ControllerPing> out = new ArrayList<>();
        Matcher m = LINE.matcher(output);
        while (m.find()) {
            out.add(new ControllerPing(m.group(1), m.group(2), "UP".equals(m.group(3))));
        }
        return out;
    }

    /** The first SlurmctldHost; the others are "backup", "backup2", ... */
    public boolean primary() {
        return role.equals("primary");
    }

    public String describe() {
        return role + " " + host + " " + (up ? "UP" : "DOWN");
    }
}
