package io.slurmops.commands.slurm;

import java.util.ArrayList;
import java.util.List;

/**
 * One QOS of {@code sacctmgr -P -n show qos format=}{@link #FORMAT}. MaxWall is what a job's time limit is
 * held against ({@code QOSMaxWallDurationPerJobLimit}); empty means unlimited.
 */
public record QosLimits(String name, String priority, String maxWall, String maxTresPerUser, String maxJobsPerUser,
                        String maxSubmitPerUser, String grpTres, String grpJobs, String maxTres, String flags) {

    public static final String FORMAT = "Name,Priority,MaxWall,MaxTRESPU,MaxJobsPU,MaxSubmitPU,GrpTRES,GrpJobs,MaxTRES,Flags";
    private static final int FIELDS = FORMAT.split(",").length;

    public static final List<String> ARGV = List.of("sacctmgr", "-P", "-n", "show", "qos", "format=" + FORMAT);

    public static List<QosLimits> parse(String output) {
        List<QosLimits> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length < FIELDS) {
                throw new IllegalArgumentException("unexpected sacctmgr qos line: " + line);
            }
            out.add(new QosLimits(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]));
        }
        return out;
    }
}
