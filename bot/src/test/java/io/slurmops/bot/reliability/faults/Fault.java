package io.slurmops.bot.reliability.faults;

/**
 * One row of the fault matrix: how to break something and how to put it back, and which change the
 * cell asks for (a node-side plan for node faults, a controller-side one for the head's daemons).
 * {@link #play} is the common story of a cell; a fault that breaks the bot or its chat connection
 * itself overrides it.
 */
interface Fault {

    String name();

    /** The node this fault's cells use (spread over the lab so a healing node never delays the next cell). */
    String node();

    /** The change request typed, e.g. {@code !slurm restart slurmd node003}. */
    String request();

    /** True when the plan's changing command runs on the node (ssh), false for the controller's scontrol. */
    boolean nodeSide();

    void inject(MatrixCell cell) throws Exception;

    /** Puts it back at once; safe to call when nothing is broken (the cell calls it again on the way out). */
    void heal(MatrixCell cell) throws Exception;

    /** Where the fault lands and what "healed" means; by default heal right after the result is in. */
    default long play(Phase phase, MatrixCell cell) throws Exception {
        long id = cell.driver().request(request());
        if (phase == Phase.PENDING) {
            inject(cell);
            cell.driver().approve(id);
        } else {
            cell.gate().armBefore(() -> inject(cell));
            cell.driver().approve(id);
        }
        cell.awaitFinished(id);
        heal(cell);
        return id;
    }

    /** The chat path the cell talks through; the console-like direct path unless the fault is about chat. */
    default Driver driver(MatrixCell cell) throws Exception {
        return new DirectDriver(cell);
    }

    /** Executions of the changing command outside this JVM (a killed bot process), for the count. */
    default int executionsElsewhere(MatrixCell cell) throws Exception {
        return 0;
    }
}
