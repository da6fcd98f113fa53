package io.slurmops.commands.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node as {@code scontrol show node NAME} prints it: configured hardware, state flags, the reason
 * with who set it and when, and every other field in {@link #fields}.
 *
 * @param state   compound state as scontrol prints it, e.g. {@code IDLE+DRAIN}, {@code DOWN+NOT_RESPONDING}
 * @param reason  the reason text without the {@code [user@time]} suffix; lines of a multi-line reason are
 *                joined with newlines
 */
public record NodeDetail(String name, String state, String reason, String reasonUser, String reasonTime,
                         int cpus, int cpusAllocated, int boards, int sockets, int coresPerSocket,
                         int threadsPerCore, long realMemoryMb, long allocMemoryMb, long freeMemoryMb,
                         String nodeAddr, String version, String os, String partitions, Map<String, String> fields) {

    public static final Set<String> REST_OF_LINE_KEYS = Set.of("Reason", "Comment", "Extra");
    /** "Not responding [slurm@2026-11-25T22:22:01]": the suffix Slurm adds to the first reason line. */
    private static final Pattern REASON_ORIGIN = Pattern.compile("^(.*?)\\s*\\[([^@\\]]*)@([^\\]]*)]\\s*$",
            Pattern.DOTALL);

    public NodeDetail {
        fields = Map.copyOf(fields);
    }

    /** Every node record in the output of {@code scontrol show node [NAMES]}. */
    public static List<NodeDetail> parseAll(String output) {
        List<NodeDetail> nodes = new ArrayList<>();
        for (Map<String, String> r : ScontrolRecords.parse(output, REST_OF_LINE_KEYS)) {
            if (r.containsKey("NodeName")) {
                nodes.add(of(r));
            }
        }
        return nodes;
    }

    static NodeDetail of(Map<String, String> r) {
        String reason = r.getOrDefault("Reason", "");
        String user = "";
        String time = "";
        String first = reason.lines().findFirst().orElse("");
        Matcher m = REASON_ORIGIN.matcher(first);
        if (m.matches()) {
            user = m.group(2);
            time = m.group(3);
            reason = m.group(1) + reason.substring(first.length());
        }
        return new NodeDetail(r.get("NodeName"), r.getOrDefault("State", "UNKNOWN"), reason, user, time,
                (int) ScontrolRecords.number(r.get("CPUTot"), 0),
                (int) ScontrolRecords.number(r.get("CPUAlloc"), 0),
                (int) ScontrolRecords.number(r.get("Boards"), 1),
                (int) ScontrolRecords.number(r.get("Sockets"), 0),
                (int) ScontrolRecords.number(r.get("CoresPerSocket"), 0),
                (int) ScontrolRecords.number(r.get("ThreadsPerCore"), 0),
                ScontrolRecords.number(r.get("RealMemory"), 0),
                ScontrolRecords.number(r.get("AllocMem"), 0),
                ScontrolRecords.number(r.get("FreeMem"), -1),
                r.getOrDefault("NodeAddr", ""), r.getOrDefault("Version", ""), r.getOrDefault("OS", ""),
                r.getOrDefault("Partitions", ""), r);
    }

    /** The state words, e.g. [IDLE, DRAIN]. The first is the base state. */
    public List<String> stateFlags() {
        return List.of(state.split("\\+"));
    }

    public boolean hasFlag(String flag) {
        return stateFlags().contains(flag);
    }

    public boolean isDrained() {
        return hasFlag("DRAIN");
    }

    public boolean isDown() {
        return stateFlags().get(0).equals("DOWN");
    }

    public boolean notResponding() {
        return hasFlag("NOT_RESPONDING");
    }

    public boolean hasReason() {
        return !reason.isBlank();
    }

    /** The configured hardware in the terms {@code slurmd -C} uses. */
    public HardwareConfig configuredHardware() {
        return new HardwareConfig(name, cpus, boards, sockets, coresPerSocket, threadsPerCore, realMemoryMb, "");
    }
}
