package io.slurmops.commands.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A job on the nodes a plan touches, as {@code squeue -h -o '%i|%u|%j|%T'} prints it. */
public record JobImpact(String id, String user, String name, String state) {

    /** The squeue format {@link #parse} reads: id, user, name (may hold '|'), state last. */
    public static final String SQUEUE_FORMAT = "%i|%u|%j|%T";

    public JobImpact {
        Objects.requireNonNull(id, "id");
        user = user == null ? "" : user;
        name = name == null ? "" : name;
        state = state == null ? "" : state;
    }

    public static List<JobImpact> parse(String squeueOutput) {
        List<JobImpact> jobs = new ArrayList<>();
        for (String line : squeueOutput.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int first = line.indexOf('|');
            int second = first < 0 ? -1 : line.indexOf('|', first + 1);
            int last = line.lastIndexOf('|');
            if (first < 0 || second < 0 || last <= second) {
                throw new IllegalArgumentException("unexpected squeue line: " + line);
            }
            jobs.add(new JobImpact(line.substring(0, first).strip(), line.substring(first + 1, second).strip(),
                    line.substring(second + 1, last), line.substring(last + 1).strip()));
        }
        return jobs;
    }
}
