package io.slurmops.bot.reliability.faults;

/**
 * Faults of the head's daemons, each against a controller-side plan ({@code drain NODE}): slurmctld
 * killed (SIGKILL, its PID file left behind as after a crash), slurmdbd stopped, and MariaDB (the
 * accounting database) stopped. Healed through the lab's service manager at once.
 */
final class HeadDaemonFaults {

    private HeadDaemonFaults() {
    }

    /** A head daemon fault: what to do to it, and how to bring it (and what depends on it) back. */
    private abstract static class HeadFault extends PlannedFault {

        HeadFault(String name, String node) {
            super(name, node, "!slurm drain " + node + " fault matrix: " + name, false);
        }

        @Override
        public void heal(MatrixCell cell) throws Exception {
            LabOps.service("start", "mariadb");
            LabOps.service("start", "slurmdbd");
            LabOps.service("start", "slurmctld");
            LabOps.awaitControllerUp();
            LabOps.resumeIfDrained(node());
        }
    }

    static Fault slurmctldKilled() {
        return new HeadFault("slurmctld killed", "node003") {
            @Override
            public void inject(MatrixCell cell) throws Exception {
                LabOps.killHead("slurmctld", "KILL");
            }
        };
    }

    static Fault slurmdbdStopped() {
        return new HeadFault("slurmdbd stopped", "node004") {
            @Override
            public void inject(MatrixCell cell) throws Exception {
                LabOps.service("stop", "slurmdbd");
            }
        };
    }

    static Fault mariadbStopped() {
        return new HeadFault("MariaDB (accounting DB) stopped", "node001") {
            @Override
            public void inject(MatrixCell cell) throws Exception {
                LabOps.service("stop", "mariadb");
            }
        };
    }
}
