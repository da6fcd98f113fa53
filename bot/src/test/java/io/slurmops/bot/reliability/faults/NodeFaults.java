package io.slurmops.bot.reliability.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Faults of one node, each against a node-side plan ({@code restart slurmd NODE}, over SSH): its sshd
 * stopped and its link cut (the lab's own drills), a command that hangs past the bot's node timeout,
 * and a node answering with 100 MB of output. The last two replace the node's {@code systemctl}
 * inside the node's mount namespace only (a bind mount over it, which heal takes off again).
 */
final class NodeFaults {

    private NodeFaults() {
    }

    private abstract static class NodeFault extends PlannedFault {

        NodeFault(String name, String node) {
            super(name, node, "!slurm restart slurmd " + node, true);
        }
    }

    static Fault sshdStopped() {
        return new NodeFault("node sshd stopped", "node001") {
            @Override
            public void inject(MatrixCell cell) throws Exception {
                LabOps.lab("drill", "sshd-kill", node());
            }

            @Override
            public void heal(MatrixCell cell) throws Exception {
                LabOps.lab("drill", "boot", node());          // starts whatever of the node's daemons is down
            }
        };
    }

    static Fault linkDown() {
        return new NodeFault("node link down", "node002") {
            @Override
            public void inject(MatrixCell cell) throws Exception {
                LabOps.lab("drill", "link-cut", node());
            }

            @Override
            public void heal(MatrixCell cell) throws Exception {
                LabOps.lab("drill", "link-heal", node());
            }
        };
    }

    static Fault commandHangs() {
        return new ReplacedSystemctl("command hangs past its timeout", "node003",
                "echo $$ >> \"$0.pids\"\nexec sleep 300\n");
    }

    static Fault hundredMegabytes() {
        return new ReplacedSystemctl("node returns 100 MB of output", "node004",
                "yes 'fault matrix: one hundred megabytes of output from a node, line after line after line' "
                        + "| head -c 104857600\nexec /var/lib/slurmlab/bin/systemctl \"$@\"\n");
    }

    /** The node's systemctl replaced by a script (bind-mounted in the node's mount namespace only). */
    private static final class ReplacedSystemctl extends NodeFault {
        private final String body;
        private Path script;
        private boolean mounted;

        ReplacedSystemctl(String name, String node, String body) {
            super(name, node);
            this.body = body;
        }

        @Override
        public void inject(MatrixCell cell) throws Exception {
            script = cell.state().resolve("systemctl-" + node());
            // $0 is the script's own path: the hanging one records its PID next to it for heal.
            Files.writeString(script, "#!/bin/sh\n" + body);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            LabOps.nodeExec(node(), "mount", "--bind", script.toString(), "/usr/bin/systemctl");
            mounted = true;
        }

        @Override
        public void heal(MatrixCell cell) throws Exception {
            if (mounted) {
                LabOps.nodeExec(node(), "umount", "/usr/bin/systemctl");
                mounted = false;
            }
            Path pids = script == null ? null : Path.of(script + ".pids");
            if (pids != null && Files.exists(pids)) {
                for (String pid : Files.readAllLines(pids)) {
                    io.slurmops.testing.LabCluster.exec(java.util.List.of("kill", "-KILL", pid.strip()), 10);
                }
                Files.delete(pids);
            }
        }
    }
}
