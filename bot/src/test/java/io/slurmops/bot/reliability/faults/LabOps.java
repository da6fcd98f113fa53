package io.slurmops.bot.reliability.faults;

import io.slurmops.testing.LabCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The lab commands the faults use: its drills, its systemctl shim, node-exec; each checked. */
final class LabOps {

    static final Path PIDS = Path.of("/var/lib/slurmlab/pids");
    private static final String SHIM = "/var/lib/slurmlab/bin/systemctl";

    private LabOps() {
    }

    static void lab(String... args) throws Exception {
        check(LabCluster.run(List.of(args)), "lab/lab " + String.join(" ", args));
    }

    /** The head's service manager (the lab's systemctl shim): start/stop slurmctld, slurmdbd, mariadb. */
    static void service(String verb, String unit) throws Exception {
        check(LabCluster.exec(List.of(SHIM, verb, unit), 120), "systemctl " + verb + " " + unit);
    }

    static void nodeExec(String node, String... argv) throws Exception {
        List<String> args = new ArrayList<>(List.of("node-exec", node));
        args.addAll(List.of(argv));
        check(LabCluster.run(args), "node-exec " + node + " " + String.join(" ", argv));
    }

    static void killHead(String daemon, String signal) throws Exception {
        String pid = Files.readString(PIDS.resolve(daemon + ".pid")).strip();
        check(LabCluster.exec(List.of("kill", "-" + signal, pid), 10), "kill -" + signal + " " + daemon);
    }

    static boolean controllerUp() throws Exception {
        return LabCluster.exec(List.of("scontrol", "ping"), 20).output().contains("is UP");
    }

    static void awaitControllerUp() throws Exception {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!controllerUp()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("slurmctld did not answer ping within 60 s");
            }
            Thread.sleep(200);
        }
    }

    /** A cell may have drained its node (the plan ran): put it back so the lab stays idle. */
    static void resumeIfDrained(String node) throws Exception {
        String s = LabCluster.exec(List.of("sinfo", "-h", "-n", node, "-o", "%T"), 30).output().strip();
        if (s.startsWith("drain") || s.startsWith("down")) {
            LabCluster.exec(List.of("scontrol", "update", "NodeName=" + node, "State=RESUME"), 30);
        }
    }

    /** Every node idle and every daemon up (lab/lab restore when not), as the common rules ask. */
    static void healthy() throws Exception {
        if (LabCluster.run(List.of("status")).exitCode() != 0 || LabCluster.run(List.of("wait-idle", "30")).exitCode() != 0) {
            LabCluster.restore();
            lab("wait-idle", "60");
        }
    }

    private static void check(LabCluster.Result r, String what) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(what + " failed (exit " + r.exitCode() + "): " + r.output());
        }
    }
}
