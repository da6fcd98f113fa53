package io.slurmops.bot.reliability.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bot's process killed with SIGKILL and started again on the same store. The bot that is killed
 * is a real JVM ({@link FaultMatrixChild}, the same wiring as {@code slurmops bot}): pending, it has
 * just posted the plan; executing, its changing command has run on the node and its result is not
 * recorded yet. The restarted bot is this JVM's cell, which then approves (pending) or finds the
 * request interrupted (executing) and must never run it again.
 */
final class BotKillFault implements Fault {

    @Override
    public String name() {
        return "bot killed (SIGKILL) and restarted";
    }

    @Override
    public String node() {
        return "node001";
    }

    @Override
    public String request() {
        return "!slurm restart slurmd " + node();
    }

    @Override
    public boolean nodeSide() {
        return true;
    }

    @Override
    public void inject(MatrixCell cell) {
        // the kill is part of play(): it needs the other process
    }

    @Override
    public void heal(MatrixCell cell) {
        // the restart is part of play()
    }

    @Override
    public long play(Phase phase, MatrixCell cell) throws Exception {
        long id;
        if (phase == Phase.PENDING) {
            cell.stop();
            id = Long.parseLong(killedChild(cell, "request", request()));
            cell.restart();
            cell.driver().approve(id);
        } else {
            id = cell.driver().request(request());
            cell.stop();
            killedChild(cell, "approve", Long.toString(id));
            cell.restart();
        }
        cell.awaitFinished(id);
        return id;
    }

    @Override
    public int executionsElsewhere(MatrixCell cell) throws Exception {
        Path ran = cell.state().resolve("child.ran");
        return Files.exists(ran) ? Files.readAllLines(ran).size() : 0;
    }

    /** Starts the child bot, waits for its marker, SIGKILLs it; returns the marker's content. */
    private static String killedChild(MatrixCell cell, String mode, String arg) throws Exception {
        Path marker = cell.state().resolve("child." + mode);
        Path log = cell.state().resolve("child-" + mode + ".log");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FaultMatrixChild.class.getName(),
                cell.state().toString(), cell.configFile().toString(), mode, arg, marker.toString()));
        Process child = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.currentTimeMillis() + 90_000;
        while (!Files.exists(marker) && child.isAlive() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        child.destroyForcibly();                      // SIGKILL on Linux
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed bot did not exit");
        }
        if (!Files.exists(marker)) {
            throw new AssertionError("the child bot never reached the " + mode + " point; its log:\n"
                    + Files.readString(log));
        }
        return Files.readString(marker).strip();
    }
}
