package io.slurmops.commands.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * One job of {@code squeue -h -o} {@link #FORMAT}. {@code %r} is the bare reason enum; {@code %R} is the
 * node list of a running job or, for a pending one, the reason in parentheses with {@code state_desc}
 * when set ({@code (ReqNodeNotAvail, UnavailableNodes:node002)}). The job name is last: it is free text.
 */
public record QueueEntry(String jobId, String partition, String user, String state, String timeUsed,
                         String timeLimit, int nodes, String reason, String nodesOrReason, String name) {

    public static final String FORMAT = "%i|%P|%u|%T|%M|%l|%D|%r|%R|%j";
    private static final int FIELDS = 10;

    public static List<QueueEntry> parse(String output) {
        List<QueueEntry> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", FIELDS);
            if (f.length < FIELDS) {
                throw new IllegalArgumentException("unexpected squeue line: " + line);
            }
            int nodes;
            try {
                nodes = Integer.parseInt(f[6].strip());
            } catch (NumberFormatException e) {
                nodes = 0;
            }
            out.add(new QueueEntry(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), f[4].strip(),
                    f[5].strip(), nodes, f[7].strip(), f[8].strip(), f[9]));
        }
        return out;
    }

    public boolean isPending() {
        return state.equals("PENDING");
    }

    /**
     * The reason as people read it: {@code state_desc} from %R when Slurm set one (it is more precise than
     * the enum), otherwise the enum.
     */
    public String detailedReason() {
        if (isPending() && nodesOrReason.startsWith("(") && nodesOrReason.endsWith(")")) {
            return nodesOrReason.substring(1, nodesOrReason.length() - 1);
        }
        return reason;
    }
}
