package io.slurmops.commands.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hardware as {@code slurmd -C} detects it on a node:
 * {@code NodeName=node002 CPUs=2 Boards=1 SocketsPerBoard=1 CoresPerSocket=2 ThreadsPerCore=1 RealMemory=24105}
 * followed by {@code UpTime=0-00:12:56}. The same shape describes the configured node, so the two compare.
 *
 * @param sockets sockets of the whole node (Boards × SocketsPerBoard)
 * @param upTime  the node's uptime as printed, empty for a configured node
 */
public record HardwareConfig(String nodeName, int cpus, int boards, int sockets, int coresPerSocket,
                             int threadsPerCore, long realMemoryMb, String upTime) {

    public static HardwareConfig parse(String output) {
        Map<String, String> r = ScontrolRecords.parseOne(output, Set.of());
        if (!r.containsKey("NodeName") || !r.containsKey("CPUs")) {
            throw new IllegalArgumentException("not slurmd -C output: "
                    + output.lines().findFirst().orElse("(empty)"));
        }
        int boards = (int) ScontrolRecords.number(r.get("Boards"), 1);
        long socketsPerBoard = ScontrolRecords.number(r.get("SocketsPerBoard"),
                ScontrolRecords.number(r.get("Sockets"), 0));
        return new HardwareConfig(r.get("NodeName"), (int) ScontrolRecords.number(r.get("CPUs"), 0), boards,
                (int) (boards * socketsPerBoard), (int) ScontrolRecords.number(r.get("CoresPerSocket"), 0),
                (int) ScontrolRecords.number(r.get("ThreadsPerCore"), 0),
                ScontrolRecords.number(r.get("RealMemory"), 0), r.getOrDefault("UpTime", ""));
    }

    /** One difference between the configured node and the detected hardware. */
    public record Mismatch(String field, long configured, long detected) {
        /** Slurm refuses a node whose hardware is below its configuration (INVAL/drain); more is only waste. */
        public boolean hardwareBelowConfig() {
            return detected < configured;
        }

        public String describe() {
            return field + " configured " + configured + ", hardware " + detected;
        }
    }

    /** What differs when {@code this} is the configuration and {@code detected} the hardware. */
    public List<Mismatch> compareWith(HardwareConfig detected) {
        List<Mismatch> out = new ArrayList<>();
        add(out, "CPUs", cpus, detected.cpus);
        add(out, "Sockets", sockets, detected.sockets);
        add(out, "CoresPerSocket", coresPerSocket, detected.coresPerSocket);
        add(out, "ThreadsPerCore", threadsPerCore, detected.threadsPerCore);
        add(out, "RealMemory", realMemoryMb, detected.realMemoryMb);
        return out;
    }

    private static void add(List<Mismatch> out, String field, long configured, long detected) {
        if (configured != detected) {
            out.add(new Mismatch(field, configured, detected));
        }
    }
}
