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
    private abstract static class HeadFault implements Fault {
        private final String name;
        private final String node;

        HeadFault(String name, String node) {
            this.name = name;
            this.node = node;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String node() {
            return node;
        }

        @Override
        public String request() {
            return "!slurm drain " + node + " fault matrix: " + name;
        }

        @Override
        public boolean nodeSide() {
            return false;
        }

        @Override
        public void heal(MatrixCell cell) throws Exception {
            LabOps.service("start", "mariadb");
            LabOps.service("start", "slurmdbd");
            LabOps.service("start", "slurmctld");
            LabOps.awaitControllerUp();
            LabOps.resumeIfDrained(node);
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
