package io.slurmops.bot.reliability.faults;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The real lab transport with a counter and a trip wire on the plan's one changing command (the
 * {@code scontrol update … State=DRAIN} or the node's {@code systemctl restart slurmd}): it counts
 * every time that command is sent (so "nothing runs twice" is counted, not assumed) and runs an armed
 * action once, either just before the command goes out (the fault lands mid-execution) or just after
 * it came back (the bot is killed with the command done but its result not yet recorded).
 */
final class GateTransport implements Transport {

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private final Transport real;
    private final Predicate<HostCommand> changing;
    private final AtomicInteger executions = new AtomicInteger();
    private final AtomicReference<Action> before = new AtomicReference<>();
    private final AtomicReference<Action> after = new AtomicReference<>();
    private final AtomicReference<Exception> injectionError = new AtomicReference<>();

    GateTransport(Transport real, Predicate<HostCommand> changing) {
        this.real = real;
        this.changing = changing;
    }

    void armBefore(Action a) {
        before.set(a);
    }

    void armAfter(Action a) {
        after.set(a);
    }

    int executions() {
        return executions.get();
    }

    @Override
    public ExecResult exec(HostCommand command) {
        if (!changing.test(command)) {
            return real.exec(command);
        }
        executions.incrementAndGet();
        fire(before.getAndSet(null));
        ExecResult r = real.exec(command);
        fire(after.getAndSet(null));
        return r;
    }

    /** An injection that failed: kept for the test to report (the bot must not see a test's own error). */
    Exception injectionError() {
        return injectionError.get();
    }

    private void fire(Action a) {
        if (a == null) {
            return;
        }
        try {
            a.run();
        } catch (Exception e) {
            injectionError.compareAndSet(null, e);
        }
    }

    @Override
    public void close() {
        real.close();
    }
}
