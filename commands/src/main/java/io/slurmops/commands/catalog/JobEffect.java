package io.slurmops.commands.catalog;

/**
 * What a change does to the jobs running on the nodes it targets: declared on the command, so a
 * mass action's plan can say how many jobs it kills without each command saying it again.
 */
public enum JobEffect {
    /** The jobs are killed now (down). */
    KILLS,
    /** The jobs run to their end; no new job starts there (drain). */
    FINISH,
    /** The jobs keep running (resume, a slurmd restart, a config sync). */
    KEEP,
    /** The jobs run on, but are lost if the node stays unreachable past SlurmdTimeout (stop slurmd or munge). */
    AT_RISK;

    /** How many of {@code running} jobs this kills. */
    public int killed(int running) {
        return this == KILLS ? running : 0;
    }

    /** "kills 3 running jobs" / "kills 0 jobs: drain lets the 3 running jobs finish". */
    public String describe(String command, int running) {
        String jobs = running + " running job" + (running == 1 ? "" : "s");
        return switch (this) {
            case KILLS -> "kills " + jobs + (running == 0 ? "" : " on them");
            case FINISH -> "kills 0 jobs: " + command + " lets the " + jobs + " finish";
            case KEEP -> "kills 0 jobs: the " + jobs + (running == 1 ? " keeps" : " keep") + " running";
            case AT_RISK -> "kills 0 jobs now; the " + jobs + (running == 1 ? " is" : " are") + " lost if the "
                    + "nodes stay stopped past SlurmdTimeout and are set DOWN";
        };
    }
}
