package io.slurmops.bot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds from /proc (Linux, USER_HZ = 100): this process's own (every JVM thread), its reaped
 * children's (a peer tool such as pdsh, with the ssh processes it reaped), and the whole machine's.
 * On the lab every target sshd runs on the bot's own two cores; these split a fan-out's wall time into
 * what the client spent and what the targets did, which on a real cluster is spread over the nodes.
 */
record CpuTime(double self, double children, double machine) {

    private static final double TICK = 0.01;

    static CpuTime now() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after "(comm)": state is field 3; utime, stime, cutime, cstime are fields 14-17
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double self = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK;
            double children = (Long.parseLong(f[13]) + Long.parseLong(f[14])) * TICK;
            return new CpuTime(self, children, machineBusy());
        } catch (IOException | RuntimeException e) {
            return new CpuTime(Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /** Busy CPU seconds of all cores: user, nice, system, irq, softirq, steal (not idle or iowait). */
    private static double machineBusy() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i : new int[]{1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(cpu[i]);
        }
        return busy * TICK;
    }

    CpuTime minus(CpuTime before) {
        return new CpuTime(self - before.self, children - before.children, machine - before.machine);
    }
}
