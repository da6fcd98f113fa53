package io.slurmops.commands.slurm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A job as {@code scontrol show job ID} prints it while slurmctld still knows it (MinJobAge after the end).
 *
 * @param reason   the pending/failure reason; holds {@code state_desc} when set, e.g.
 *                 {@code ReqNodeNotAvail, UnavailableNodes:node[01-02]}
 * @param exitCode "rc:signal", e.g. {@code 0:125}
 */
public record JobDetail(String jobId, String name, String user, String account, String qos, String state,
                        String reason, String dependency, String exitCode, String runTime, String timeLimit,
                        String submitTime, String startTime, String endTime, String partition, String nodeList,
                        String batchHost, int numNodes, int numCpus, String minMemoryNode, String minMemoryCpu,
                        String tres, String stdErr, String stdOut, Map<String, String> fields) {

    /** What scontrol prints (on stderr, exit 1) for a job it does not know, or no longer knows. */
    public static final String INVALID_JOB_ID = "Invalid job id specified";

    public JobDetail {
        fields = Map.copyOf(fields);
    }

    /** The first job in the output; several appear for a job array or a heterogeneous job. */
    public static Optional<JobDetail> parse(String output) {
        return parseAll(output).stream().findFirst();
    }

    public static List<JobDetail> parseAll(String output) {
        return ScontrolRecords.parse(output, Set.of()).stream().filter(r -> r.containsKey("JobId"))
                .map(JobDetail::of).toList();
    }

    private static JobDetail of(Map<String, String> r) {
        String userId = r.getOrDefault("UserId", "");
        int paren = userId.indexOf('(');
        return new JobDetail(r.get("JobId"), r.getOrDefault("JobName", ""),
                paren > 0 ? userId.substring(0, paren) : userId, r.getOrDefault("Account", ""),
                r.getOrDefault("QOS", ""), r.getOrDefault("JobState", "UNKNOWN"), r.getOrDefault("Reason", "None"),
                r.getOrDefault("Dependency", "(null)"), r.getOrDefault("ExitCode", ""), r.getOrDefault("RunTime", ""),
                r.getOrDefault("TimeLimit", ""), r.getOrDefault("SubmitTime", ""), r.getOrDefault("StartTime", ""),
                r.getOrDefault("EndTime", ""), r.getOrDefault("Partition", ""), r.getOrDefault("NodeList", ""),
                r.getOrDefault("BatchHost", ""), (int) ScontrolRecords.number(r.get("NumNodes"), 0),
                (int) ScontrolRecords.number(r.get("NumCPUs"), 0), r.getOrDefault("MinMemoryNode", ""),
                r.getOrDefault("MinMemoryCPU", ""), r.getOrDefault("TRES", r.getOrDefault("ReqTRES", "")),
                r.getOrDefault("StdErr", ""), r.getOrDefault("StdOut", ""), r);
    }

    /** The reason as people read it: scontrol writes the spaces of a state_desc as '_'. */
    public String reasonText() {
        return reason.replace(",_", ", ");
    }

    public boolean isPending() {
        return state.equals("PENDING");
    }

    /** The memory the job asked for, from its TRES ({@code mem=100M}), if any. */
    public Optional<MemorySize> requestedMemory() {
        for (String part : tres.split(",")) {
            if (part.startsWith("mem=")) {
                return MemorySize.parse(part.substring(4));
            }
        }
        return Optional.empty();
    }

    /** True when scontrol's output says the job is unknown to slurmctld. */
    public static boolean isInvalidJobId(String output) {
        return output.contains(INVALID_JOB_ID);
    }
}
