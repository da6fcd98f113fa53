package io.slurmops.commands.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code sacct -P -n -o} {@link #FIELDS}: the job itself ({@code 7}) or one of its steps
 * ({@code 7.batch}, {@code 7.extern}, {@code 7.0}). Steps carry MaxRSS; the job line carries ReqMem.
 *
 * @param state    e.g. COMPLETED, FAILED, OUT_OF_MEMORY, "CANCELLED by 0"
 * @param exitCode "rc:signal"; {@code 0:125} is how an OOM-killed step often ends
 */
public record SacctRecord(String jobId, String jobName, String state, String exitCode, String reqMem,
                          String maxRss, String elapsed, String nodeList, String timeLimit, int reqCpus,
                          int allocCpus, String partition, String user, String start, String end) {

    /** Field order of {@link #ARGV}; JobName may hold the delimiter, so it is re-joined when a line is long. */
    public static final String FIELDS =
            "JobID,JobName,State,ExitCode,ReqMem,MaxRSS,Elapsed,NodeList,Timelimit,ReqCPUS,AllocCPUS,Partition,User,Start,End";
    private static final int FIELD_COUNT = FIELDS.split(",").length;
    private static final int JOB_NAME = 1;

    /** The sacct arguments for one job; append {@code -j JOBID}. */
    public static List<String> argv(String jobId) {
        return List.of("sacct", "-P", "-n", "-o", FIELDS, "-j", jobId);
    }

    public static List<SacctRecord> parse(String output) {
        List<SacctRecord> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] raw = line.split("\\|", -1);
            if (raw.length < FIELD_COUNT) {
                throw new IllegalArgumentException("unexpected sacct line (" + raw.length + " of " + FIELD_COUNT
                        + " fields): " + line);
            }
            String[] f = rejoinName(raw);
            out.add(new SacctRecord(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], intOf(f[9]), intOf(f[10]),
                    f[11], f[12], f[13], f[14]));
        }
        return out;
    }

    /** A job name with '|' in it splits into extra fields: glue them back. */
    private static String[] rejoinName(String[] raw) {
        int extra = raw.length - FIELD_COUNT;
        if (extra == 0) {
            return raw;
        }
        String[] f = new String[FIELD_COUNT];
        f[0] = raw[0];
        f[JOB_NAME] = String.join("|", java.util.Arrays.copyOfRange(raw, JOB_NAME, JOB_NAME + extra + 1));
        System.arraycopy(raw, JOB_NAME + extra + 1, f, JOB_NAME + 1, FIELD_COUNT - JOB_NAME - 1);
        return f;
    }

    private static int intOf(String s) {
        try {
            return s.isBlank() ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** True for the job's own line, false for a step (7.batch, 7.extern, 7.0). */
    public boolean isJob() {
        return !jobId.contains(".");
    }

    /** The state word without " by UID" ("CANCELLED by 0" → CANCELLED). */
    public String baseState() {
        int sp = state.indexOf(' ');
        return sp < 0 ? state : state.substring(0, sp);
    }

    public Optional<MemorySize> maxRssSize() {
        return MemorySize.parse(maxRss, "K");
    }

    public Optional<MemorySize> reqMemSize() {
        return MemorySize.parse(reqMem, "M");
    }

    /** OUT_OF_MEMORY state or exit signal 125 (what an oom-killed step reports under cgroup). */
    public boolean looksOutOfMemory() {
        return baseState().equals("OUT_OF_MEMORY") || exitCode.equals("0:125");
    }
}
